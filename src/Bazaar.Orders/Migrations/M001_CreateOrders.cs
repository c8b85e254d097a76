using FluentMigrator;

namespace Bazaar.Orders.Migrations;

[Migration(1, "orders, their lines, shipments and shipment events")]
public sealed class M001_CreateOrders : Migration
{
    public override void Up()
    {
        Create.Table("orders")
            .WithColumn("id").AsString(36).PrimaryKey()
            .WithColumn("user_id").AsString(36).NotNullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("total_amount").AsString(40).NotNullable()
            .WithColumn("currency").AsString(3).NotNullable()
            .WithColumn("item_count").AsInt32().NotNullable()
            .WithColumn("ship_name").AsString(200).NotNullable()
            .WithColumn("ship_line1").AsString(200).NotNullable()
            .WithColumn("ship_line2").AsString(200).Nullable()
            .WithColumn("ship_city").AsString(100).NotNullable()
            .WithColumn("ship_postal_code").AsString(20).NotNullable()
            .WithColumn("ship_country").AsString(2).NotNullable()
            .WithColumn("payment_id").AsString(36).Nullable()
            .WithColumn("idempotency_key").AsString(255).NotNullable()
            .WithColumn("request_fingerprint").AsString(64).NotNullable()
            .WithColumn("created_at").AsString(40).NotNullable()
            .WithColumn("updated_at").AsString(40).NotNullable();
        // A key is the client's: two users may pick the same one.
        Create.Index("ux_orders_user_key").OnTable("orders").OnColumn("user_id").Ascending().OnColumn("idempotency_key").Ascending().WithOptions().Unique();
        Create.Index("ix_orders_user_id").OnTable("orders").OnColumn("user_id").Ascending().OnColumn("id").Descending();

        Create.Table("order_lines")
            .WithColumn("order_id").AsString(36).NotNullable().PrimaryKey().ForeignKey("orders", "id")
            .WithColumn("line_no").AsInt32().NotNullable().PrimaryKey()
            .WithColumn("sku").AsString(64).NotNullable()
            .WithColumn("product_id").AsString(36).NotNullable()
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("quantity").AsInt32().NotNullable()
            .WithColumn("unit_price").AsString(40).NotNullable()
            .WithColumn("currency").AsString(3).NotNullable();

        Create.Table("shipments")
            .WithColumn("id").AsString(36).PrimaryKey()
            .WithColumn("order_id").AsString(36).NotNullable().Unique().ForeignKey("orders", "id")
            .WithColumn("carrier").AsString(100).NotNullable()
            .WithColumn("tracking_number").AsString(40).NotNullable().Unique()
            .WithColumn("status").AsString(30).NotNullable()
            .WithColumn("created_at").AsString(40).NotNullable();

        Create.Table("shipment_events")
            .WithColumn("id").AsString(36).PrimaryKey()
            .WithColumn("shipment_id").AsString(36).NotNullable().Indexed().ForeignKey("shipments", "id")
            .WithColumn("status").AsString(30).NotNullable()
            .WithColumn("at").AsString(40).NotNullable();
    }

    public override void Down()
    {
        Delete.Table("shipment_events");
        Delete.Table("shipments");
        Delete.Table("order_lines");
        Delete.Table("orders");
    }
}
