using FluentMigrator;

namespace Bazaar.Catalog.Migrations;

/// <summary>"When does the next price window open or close?" decides how long a product page may
/// be cached; these make it two index probes instead of a scan of the whole price history.</summary>
[Migration(10, "price window boundaries indexed")]
public sealed class M010_PriceBoundaries : Migration
{
    public override void Up()
    {
        Execute.Sql("CREATE INDEX ix_prices_valid_from ON prices (valid_from)");
        Execute.Sql("CREATE INDEX ix_prices_valid_to ON prices (valid_to) WHERE valid_to IS NOT NULL");
    }

    public override void Down()
    {
        Execute.Sql("DROP INDEX ix_prices_valid_to");
        Execute.Sql("DROP INDEX ix_prices_valid_from");
    }
}
