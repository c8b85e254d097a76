using Bazaar.Catalog.Pricing;
using FluentMigrator;

namespace Bazaar.Catalog.Migrations;

[Migration(7, "current prices kept per SKU, for sorting and filtering by price")]
public sealed class M007_PriceIndex : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE current_prices (
                sku VARCHAR(64) NOT NULL PRIMARY KEY,
                product_id VARCHAR(36) NOT NULL,
                amount REAL NULL,
                changes_at VARCHAR(40) NULL
            )
            """);
        // Price sorts walk this index (a keyset on amount, then product id) instead of computing
        // every product's price and sorting them all.
        Execute.Sql("CREATE INDEX ix_current_prices_amount_product_id ON current_prices (amount, product_id)");
        Execute.Sql("CREATE INDEX ix_current_prices_changes_at ON current_prices (changes_at)");
        // The brand filter compares without case.
        Execute.Sql("CREATE INDEX ix_products_brand ON products (brand COLLATE NOCASE, status)");
        // The same statement the service runs, at the database's own clock (UTC, in the stored format).
        Execute.Sql(PriceIndex.RefreshSql("1 = 1").Replace("@Now", "(strftime('%Y-%m-%d %H:%M:%f', 'now') || '0000+00:00')", StringComparison.Ordinal));
        // Statistics let the planner prefer a selective index (a brand) over one that only saves a sort.
        Execute.Sql("ANALYZE");
    }

    public override void Down()
    {
        Execute.Sql("DROP INDEX ix_products_brand");
        Execute.Sql("DROP TABLE current_prices");
    }
}
