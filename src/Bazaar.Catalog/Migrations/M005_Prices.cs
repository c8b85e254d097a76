using FluentMigrator;

namespace Bazaar.Catalog.Migrations;

[Migration(5, "prices with validity windows and history")]
public sealed class M005_Prices : Migration
{
    public override void Up()
    {
        // seq orders the history: the newest row is the one with the highest seq. Rows are never
        // updated; a new price is a new row.
        Execute.Sql("""
            CREATE TABLE prices (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                sku VARCHAR(64) NOT NULL,
                list_price VARCHAR(40) NOT NULL,
                sale_price VARCHAR(40) NULL,
                valid_from VARCHAR(40) NOT NULL,
                valid_to VARCHAR(40) NULL,
                created_at VARCHAR(40) NOT NULL,
                created_by VARCHAR(64) NOT NULL
            )
            """);
        // The current price is found by walking one SKU's rows newest first.
        Execute.Sql("CREATE INDEX ix_prices_sku_seq ON prices (sku, seq DESC)");
        Execute.Sql("""
            INSERT INTO prices (sku, list_price, sale_price, valid_from, valid_to, created_at, created_by)
            SELECT sku, price_amount, NULL, created_at, NULL, created_at, 'migration' FROM products ORDER BY created_at, id
            """);
        Execute.Sql("""
            CREATE TRIGGER prices_no_update BEFORE UPDATE ON prices
            BEGIN SELECT RAISE(ABORT, 'prices are history: insert a new row'); END;
            """);
        // The price lives in prices now; the currency comes from configuration.
        Execute.Sql("ALTER TABLE products DROP COLUMN price_amount");
        Execute.Sql("ALTER TABLE products DROP COLUMN currency");
    }

    public override void Down()
    {
        Execute.Sql("ALTER TABLE products ADD COLUMN price_amount VARCHAR(40) NOT NULL DEFAULT '0'");
        Execute.Sql("ALTER TABLE products ADD COLUMN currency VARCHAR(3) NOT NULL DEFAULT 'USD'");
        Execute.Sql("DROP TRIGGER prices_no_update");
        Delete.Table("prices");
    }
}
