using FluentMigrator;

namespace Bazaar.Carts.Migrations;

[Migration(1, "cart items")]
public sealed class M001_CreateCartItems : Migration
{
    public override void Up()
    {
        // The primary key (user, sku) also serves every query, which all start from the user.
        Create.Table("cart_items")
            .WithColumn("user_id").AsString(36).NotNullable().PrimaryKey("pk_cart_items")
            .WithColumn("sku").AsString(64).NotNullable().PrimaryKey("pk_cart_items")
            .WithColumn("quantity").AsInt32().NotNullable()
            .WithColumn("updated_at").AsString(40).NotNullable();
    }

    public override void Down() => Delete.Table("cart_items");
}
