using FluentMigrator;

namespace Bazaar.Orders.Migrations;

[Migration(2, "notes on shipment events; orders by status for the admin list and the carrier")]
public sealed class M002_ShipmentNotesAndStatusIndex : Migration
{
    public override void Up()
    {
        Alter.Table("shipment_events").AddColumn("note").AsString(500).Nullable();
        Create.Index("ix_orders_status_id").OnTable("orders").OnColumn("status").Ascending().OnColumn("id").Descending();
    }

    public override void Down()
    {
        Delete.Index("ix_orders_status_id").OnTable("orders");
        Delete.Column("note").FromTable("shipment_events");
    }
}
