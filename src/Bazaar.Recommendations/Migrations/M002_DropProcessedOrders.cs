using FluentMigrator;

namespace Bazaar.Recommendations.Migrations;

/// <summary>Purchases now arrive as order-paid events, counted once through the messaging inbox
/// (which commits with the counts); the service's own inbox of order ids has no writer left.</summary>
[Migration(2, "purchases counted through the event inbox")]
public sealed class M002_DropProcessedOrders : Migration
{
    public override void Up() => Delete.Table("processed_orders");

    /// <summary>The table as M001 made it, empty: which orders were counted before is not kept.</summary>
    public override void Down() =>
        Create.Table("processed_orders")
            .WithColumn("order_id").AsString(36).PrimaryKey()
            .WithColumn("processed_at").AsString(40).NotNullable();
}
