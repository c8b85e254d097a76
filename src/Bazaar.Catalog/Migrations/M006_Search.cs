using FluentMigrator;

namespace Bazaar.Catalog.Migrations;

[Migration(6, "full-text search and listing indexes")]
public sealed class M006_Search : Migration
{
    public override void Up()
    {
        // A full-text index of its own (not external content), keyed by the product's rowid and
        // kept in step by triggers, so every writer updates it in the same transaction.
        Execute.Sql("CREATE VIRTUAL TABLE products_fts USING fts5(name, description, brand, tokenize = 'unicode61 remove_diacritics 2')");
        Execute.Sql("INSERT INTO products_fts (rowid, name, description, brand) SELECT rowid, name, description, brand FROM products");
        Execute.Sql("""
            CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
                INSERT INTO products_fts (rowid, name, description, brand) VALUES (new.rowid, new.name, new.description, new.brand);
            END;
            """);
        Execute.Sql("""
            CREATE TRIGGER products_fts_update AFTER UPDATE OF name, description, brand ON products BEGIN
                DELETE FROM products_fts WHERE rowid = old.rowid;
                INSERT INTO products_fts (rowid, name, description, brand) VALUES (new.rowid, new.name, new.description, new.brand);
            END;
            """);
        Execute.Sql("""
            CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
                DELETE FROM products_fts WHERE rowid = old.rowid;
            END;
            """);

        // "newest" walks (created_at, id) backwards over the active products.
        Create.Index("ix_products_status_created_at_id").OnTable("products")
            .OnColumn("status").Ascending().OnColumn("created_at").Ascending().OnColumn("id").Ascending();
    }

    public override void Down()
    {
        Delete.Index("ix_products_status_created_at_id").OnTable("products");
        Execute.Sql("DROP TRIGGER products_fts_delete");
        Execute.Sql("DROP TRIGGER products_fts_update");
        Execute.Sql("DROP TRIGGER products_fts_insert");
        Execute.Sql("DROP TABLE products_fts");
    }
}
