using FluentMigrator;

namespace Bazaar.Recommendations.Migrations;

/// <summary>Counts become decayed weights (a value and the time it is valid at, see
/// <c>DecayedWeight</c>), pairs are stored once (first SKU ordinally before the second). Every write
/// moves <c>model_state.version</c> on and stamps its rows with it, so the in-memory lists read only
/// the rows changed since their last refresh; a rebuild moves <c>generation</c> on (start over).
/// Existing counts carry over as weights valid at migration time.</summary>
[Migration(3, "decayed purchase and co-purchase weights")]
public sealed class M003_DecayedCounts : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE item_sales (sku TEXT NOT NULL PRIMARY KEY, weight REAL NOT NULL, as_of INTEGER NOT NULL, version INTEGER NOT NULL);
        CREATE TABLE pair_sales (
            first_sku TEXT NOT NULL, second_sku TEXT NOT NULL, weight REAL NOT NULL, as_of INTEGER NOT NULL, version INTEGER NOT NULL,
            PRIMARY KEY (first_sku, second_sku));
        CREATE INDEX ix_item_sales_version ON item_sales (version);
        CREATE INDEX ix_pair_sales_version ON pair_sales (version);
        CREATE TABLE model_state (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, generation INTEGER NOT NULL);
        INSERT INTO item_sales (sku, weight, as_of, version)
            SELECT sku, purchases, CAST(strftime('%s', 'now') AS INTEGER) * 1000, 1 FROM popularity;
        INSERT INTO pair_sales (first_sku, second_sku, weight, as_of, version)
            SELECT sku, other_sku, together, CAST(strftime('%s', 'now') AS INTEGER) * 1000, 1 FROM co_purchases WHERE sku < other_sku;
        INSERT INTO model_state (id, version, generation) VALUES (1, 1, 1);
        DROP TABLE co_purchases;
        DROP TABLE popularity;
        """);

    /// <summary>Back to whole counts as of now: the weights rounded, their times dropped.</summary>
    public override void Down() => Execute.Sql("""
        CREATE TABLE co_purchases (sku TEXT NOT NULL, other_sku TEXT NOT NULL, together INTEGER NOT NULL, PRIMARY KEY (sku, other_sku));
        CREATE TABLE popularity (sku TEXT NOT NULL PRIMARY KEY, purchases INTEGER NOT NULL);
        CREATE INDEX ix_popularity_purchases ON popularity (purchases DESC);
        INSERT INTO popularity (sku, purchases) SELECT sku, CAST(ROUND(weight) AS INTEGER) FROM item_sales;
        INSERT INTO co_purchases (sku, other_sku, together)
            SELECT first_sku, second_sku, CAST(ROUND(weight) AS INTEGER) FROM pair_sales
            UNION ALL SELECT second_sku, first_sku, CAST(ROUND(weight) AS INTEGER) FROM pair_sales;
        DROP TABLE model_state;
        DROP TABLE pair_sales;
        DROP TABLE item_sales;
        """);
}
