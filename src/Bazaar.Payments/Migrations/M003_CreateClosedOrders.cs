using FluentMigrator;

namespace Bazaar.Payments.Migrations;

[Migration(3, "closed orders")]
public sealed class M003_CreateClosedOrders : Migration
{
    public override void Up()
    {
        // A tombstone per order the order-service gave up: a charge for it that arrives later is
        // refused before it reaches the provider. Written and checked under SQLite's write lock, in
        // the same transaction as the Pending payment a charge inserts.
        Create.Table("closed_orders")
            .WithColumn("order_id").AsString(36).PrimaryKey()
            .WithColumn("closed_at").AsString(40).NotNullable();

        // The sweeper looks for payments and refunds left Pending.
        Create.Index("ix_payments_status").OnTable("payments").OnColumn("status");
        Create.Index("ix_refunds_status").OnTable("refunds").OnColumn("status");
    }

    public override void Down()
    {
        Delete.Index("ix_refunds_status").OnTable("refunds");
        Delete.Index("ix_payments_status").OnTable("payments");
        Delete.Table("closed_orders");
    }
}
