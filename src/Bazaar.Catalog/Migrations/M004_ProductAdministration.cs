using FluentMigrator;

namespace Bazaar.Catalog.Migrations;

[Migration(4, "product status draft/active/archived, image lists, stock adjustment audit")]
public sealed class M004_ProductAdministration : Migration
{
    public override void Up()
    {
        Execute.Sql("UPDATE products SET status = 'archived' WHERE status = 'Discontinued'");
        Execute.Sql("UPDATE products SET status = 'active' WHERE status = 'Active'");

        Alter.Table("products").AddColumn("image_urls").AsString(8000).NotNullable().WithDefaultValue("[]");
        Execute.Sql("UPDATE products SET image_urls = json_array(image_url) WHERE image_url IS NOT NULL");

        // Sub-categories are found by walking parent_id downwards.
        Create.Index("ix_categories_parent_id").OnTable("categories").OnColumn("parent_id").Ascending();

        Create.Table("stock_adjustments")
            .WithColumn("id").AsString(36).PrimaryKey()
            .WithColumn("sku").AsString(64).NotNullable()
            .WithColumn("delta").AsInt32().NotNullable()
            .WithColumn("reason").AsString(200).NotNullable()
            .WithColumn("on_hand_after").AsInt64().NotNullable()
            .WithColumn("adjusted_by").AsString(36).NotNullable()
            .WithColumn("adjusted_at").AsString(40).NotNullable()
            .WithColumn("idempotency_key").AsString(255).Nullable()
            .WithColumn("fingerprint").AsString(64).Nullable();
        Create.Index("ix_stock_adjustments_sku_id").OnTable("stock_adjustments")
            .OnColumn("sku").Ascending().OnColumn("id").Ascending();
        // A retried adjustment (same Idempotency-Key for the same SKU) is found, not applied twice.
        Execute.Sql("CREATE UNIQUE INDEX ux_stock_adjustments_sku_idempotency_key ON stock_adjustments (sku, idempotency_key) WHERE idempotency_key IS NOT NULL");

        // An audit trail is only worth something if nobody can rewrite it.
        Execute.Sql("""
            CREATE TRIGGER stock_adjustments_no_update BEFORE UPDATE ON stock_adjustments
            BEGIN SELECT RAISE(ABORT, 'stock_adjustments is append-only'); END;
            """);
        Execute.Sql("""
            CREATE TRIGGER stock_adjustments_no_delete BEFORE DELETE ON stock_adjustments
            BEGIN SELECT RAISE(ABORT, 'stock_adjustments is append-only'); END;
            """);
    }

    public override void Down()
    {
        Execute.Sql("DROP TRIGGER stock_adjustments_no_delete");
        Execute.Sql("DROP TRIGGER stock_adjustments_no_update");
        Delete.Table("stock_adjustments");
        Delete.Index("ix_categories_parent_id").OnTable("categories");
        Delete.Column("image_urls").FromTable("products");
        Execute.Sql("UPDATE products SET status = 'Active' WHERE status = 'active'");
        Execute.Sql("UPDATE products SET status = 'Discontinued' WHERE status <> 'Active'");
    }
}
