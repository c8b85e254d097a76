using FluentMigrator;

namespace Bazaar.Carts.Migrations;

/// <summary>Carts become rows of their own, owned by a user or anonymous, with the time of their
/// last change (for expiry); lines hang off the cart. Every user's cart of M001 is carried over.</summary>
[Migration(2, "carts with owners and expiry")]
public sealed class M002_CartsWithOwners : Migration
{
    public override void Up()
    {
        Create.Table("carts")
            .WithColumn("id").AsString(36).NotNullable().PrimaryKey("pk_carts")
            .WithColumn("user_id").AsString(36).Nullable()
            .WithColumn("updated_at").AsString(40).NotNullable();
        // NULLs do not collide in a unique index: any number of anonymous carts, one cart a user.
        Create.Index("ux_carts_user_id").OnTable("carts").OnColumn("user_id").Ascending().WithOptions().Unique();
        // The sweeper reads the oldest carts first.
        Create.Index("ix_carts_updated_at").OnTable("carts").OnColumn("updated_at").Ascending();

        Create.Table("cart_lines")
            .WithColumn("cart_id").AsString(36).NotNullable().PrimaryKey("pk_cart_lines")
            .WithColumn("sku").AsString(64).NotNullable().PrimaryKey("pk_cart_lines")
            .WithColumn("quantity").AsInt32().NotNullable();

        // A migrated user cart takes the user id as its cart id: unique, and never reachable as an
        // anonymous cart because anonymous lookups require user_id IS NULL. Times are all UTC in one
        // format, so the greatest text is the latest change.
        Execute.Sql("INSERT INTO carts (id, user_id, updated_at) SELECT user_id, user_id, MAX(updated_at) FROM cart_items GROUP BY user_id");
        Execute.Sql("INSERT INTO cart_lines (cart_id, sku, quantity) SELECT user_id, sku, quantity FROM cart_items");
        Delete.Table("cart_items");
    }

    /// <summary>Back to per-user lines; anonymous carts have no place there and are dropped.</summary>
    public override void Down()
    {
        Create.Table("cart_items")
            .WithColumn("user_id").AsString(36).NotNullable().PrimaryKey("pk_cart_items")
            .WithColumn("sku").AsString(64).NotNullable().PrimaryKey("pk_cart_items")
            .WithColumn("quantity").AsInt32().NotNullable()
            .WithColumn("updated_at").AsString(40).NotNullable();
        Execute.Sql("""
            INSERT INTO cart_items (user_id, sku, quantity, updated_at)
            SELECT c.user_id, l.sku, l.quantity, c.updated_at FROM cart_lines l JOIN carts c ON c.id = l.cart_id WHERE c.user_id IS NOT NULL
            """);
        Delete.Table("cart_lines");
        Delete.Table("carts");
    }
}
