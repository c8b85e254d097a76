using FluentMigrator;

namespace Bazaar.Recommendations.Migrations;

/// <summary>Co-views: decayed view and co-view weights shaped as the purchase ones (stamped with
/// <c>model_state.version</c> so the in-memory lists read only changed rows); each session's views
/// within the co-view window (older rows are pruned); each signed-in user's recent views for "for you".</summary>
[Migration(5, "product views and co-views")]
public sealed class M005_Views : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE item_views (sku TEXT NOT NULL PRIMARY KEY, weight REAL NOT NULL, as_of INTEGER NOT NULL, version INTEGER NOT NULL);
        CREATE TABLE pair_views (
            first_sku TEXT NOT NULL, second_sku TEXT NOT NULL, weight REAL NOT NULL, as_of INTEGER NOT NULL, version INTEGER NOT NULL,
            PRIMARY KEY (first_sku, second_sku));
        CREATE INDEX ix_item_views_version ON item_views (version);
        CREATE INDEX ix_pair_views_version ON pair_views (version);
        CREATE TABLE session_views (session TEXT NOT NULL, sku TEXT NOT NULL, viewed_at INTEGER NOT NULL, PRIMARY KEY (session, sku));
        CREATE INDEX ix_session_views_viewed_at ON session_views (viewed_at);
        CREATE TABLE user_views (user_id TEXT NOT NULL, sku TEXT NOT NULL, viewed_at INTEGER NOT NULL, PRIMARY KEY (user_id, sku));
        """);

    public override void Down() => Execute.Sql("""
        DROP TABLE user_views;
        DROP TABLE session_views;
        DROP TABLE pair_views;
        DROP TABLE item_views;
        """);
}
