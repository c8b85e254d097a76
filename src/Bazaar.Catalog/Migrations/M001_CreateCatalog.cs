using FluentMigrator;

namespace Bazaar.Catalog.Migrations;

[Migration(1, "categories, products and inventory")]
public sealed class M001_CreateCatalog : Migration
{
    public override void Up()
    {
        Create.Table("categories")
            .WithColumn("id").AsString(36).PrimaryKey()
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("slug").AsString(200).NotNullable()
            .WithColumn("parent_id").AsString(36).Nullable();

        Create.Table("products")
            .WithColumn("id").AsString(36).PrimaryKey()
            .WithColumn("sku").AsString(64).NotNullable()
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("brand").AsString(100).NotNullable()
            .WithColumn("description").AsString(4000).NotNullable()
            .WithColumn("category_id").AsString(36).NotNullable()
            .WithColumn("price_amount").AsString(40).NotNullable()
            .WithColumn("currency").AsString(3).NotNullable()
            .WithColumn("image_url").AsString(500).Nullable()
            .WithColumn("attributes").AsString(4000).NotNullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("created_at").AsString(40).NotNullable();

        // Named unique indexes rather than column UNIQUE, which would add a second, redundant index.
        Create.Index("ux_categories_slug").OnTable("categories").OnColumn("slug").Unique();
        Create.Index("ux_products_sku").OnTable("products").OnColumn("sku").Unique();

        // The listing walks (name, id) in order, over all active products or within one category.
        Create.Index("ix_products_status_name_id").OnTable("products")
            .OnColumn("status").Ascending().OnColumn("name").Ascending().OnColumn("id").Ascending();
        Create.Index("ix_products_category_status_name_id").OnTable("products")
            .OnColumn("category_id").Ascending().OnColumn("status").Ascending().OnColumn("name").Ascending().OnColumn("id").Ascending();

        // The CHECK is the last line of defence: the conditional updates already never oversell,
        // and should one ever be written wrong the database refuses it instead of going negative.
        Execute.Sql("""
            CREATE TABLE inventory (
                sku VARCHAR(64) NOT NULL PRIMARY KEY,
                on_hand INTEGER NOT NULL,
                reserved INTEGER NOT NULL DEFAULT 0,
                CHECK (reserved >= 0 AND on_hand >= reserved)
            )
            """);
    }

    public override void Down()
    {
        Delete.Table("inventory");
        Delete.Table("products");
        Delete.Table("categories");
    }
}
