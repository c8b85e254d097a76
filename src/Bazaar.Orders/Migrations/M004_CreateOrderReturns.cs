using FluentMigrator;

namespace Bazaar.Orders.Migrations;

[Migration(4, "returns after delivery and their refunds; the saga refunding one names it")]
public sealed class M004_CreateOrderReturns : Migration
{
    public override void Up()
    {
        Create.Table("order_returns")
            .WithColumn("id").AsString(36).PrimaryKey()
            .WithColumn("order_id").AsString(36).NotNullable().ForeignKey("orders", "id")
            .WithColumn("idempotency_key").AsString(255).NotNullable()
            .WithColumn("fingerprint").AsString(64).NotNullable()
            .WithColumn("amount").AsString(40).NotNullable()
            .WithColumn("currency").AsString(3).NotNullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("created_at").AsString(40).NotNullable()
            .WithColumn("completed_at").AsString(40).Nullable();
        // An admin's key is scoped to the order it was sent for.
        Create.Index("ux_order_returns_order_key").OnTable("order_returns")
            .OnColumn("order_id").Ascending().OnColumn("idempotency_key").Ascending().WithOptions().Unique();
        // One return in progress per order (its saga refunds one at a time).
        Execute.Sql("CREATE UNIQUE INDEX ux_order_returns_in_progress ON order_returns (order_id) WHERE status = 'Requested'");

        Create.Table("order_return_lines")
            .WithColumn("return_id").AsString(36).NotNullable().PrimaryKey().ForeignKey("order_returns", "id")
            .WithColumn("line_no").AsInt32().NotNullable().PrimaryKey()
            .WithColumn("sku").AsString(64).NotNullable()
            .WithColumn("quantity").AsInt32().NotNullable();

        Alter.Table("order_sagas").AddColumn("return_id").AsString(36).Nullable();
    }

    public override void Down()
    {
        Delete.Column("return_id").FromTable("order_sagas");
        Delete.Table("order_return_lines");
        Delete.Table("order_returns");
    }
}
