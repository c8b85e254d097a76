using FluentMigrator;

namespace Bazaar.Recommendations.Migrations;

/// <summary>When each session last counted each co-view pair, so a pair counts at most once per
/// session and co-view window (pruned with <c>session_views</c>).</summary>
[Migration(6, "co-view pairs counted per session")]
public sealed class M006_SessionPairs : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE session_pairs (
            session TEXT NOT NULL, first_sku TEXT NOT NULL, second_sku TEXT NOT NULL, counted_at INTEGER NOT NULL,
            PRIMARY KEY (session, first_sku, second_sku));
        CREATE INDEX ix_session_pairs_counted_at ON session_pairs (counted_at);
        """);

    public override void Down() => Execute.Sql("DROP TABLE session_pairs;");
}
