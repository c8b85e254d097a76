using FluentMigrator;

namespace Bazaar.Recommendations.Migrations;

[Migration(1, "purchase inbox, co-purchase pairs and popularity")]
public sealed class M001_CreateSignals : Migration
{
    public override void Up()
    {
        // The inbox: an order id here has been counted, so a redelivery changes nothing.
        Create.Table("processed_orders")
            .WithColumn("order_id").AsString(36).PrimaryKey()
            .WithColumn("processed_at").AsString(40).NotNullable();

        // Both directions of each pair are stored, so "bought with X" is one indexed range scan.
        Create.Table("co_purchases")
            .WithColumn("sku").AsString(64).NotNullable().PrimaryKey()
            .WithColumn("other_sku").AsString(64).NotNullable().PrimaryKey()
            .WithColumn("together").AsInt64().NotNullable();

        Create.Table("popularity")
            .WithColumn("sku").AsString(64).PrimaryKey()
            .WithColumn("purchases").AsInt64().NotNullable();
        Create.Index("ix_popularity_purchases").OnTable("popularity").OnColumn("purchases").Descending();
    }

    public override void Down()
    {
        Delete.Table("popularity");
        Delete.Table("co_purchases");
        Delete.Table("processed_orders");
    }
}
