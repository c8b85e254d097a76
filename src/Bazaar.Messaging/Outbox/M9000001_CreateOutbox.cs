using FluentMigrator;

namespace Bazaar.Messaging.Outbox;

/// <summary>The outbox in the service's own database. Messaging migrations use versions from
/// 9,000,000 up so they never collide with a service's own.</summary>
[Migration(9_000_001)]
public sealed class M9000001_CreateOutbox : Migration
{
    /// <inheritdoc />
    public override void Up()
    {
        // seq gives the publish order; times are unix milliseconds so "due" is a numeric comparison.
        Execute.Sql("""
            CREATE TABLE outbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                id TEXT NOT NULL UNIQUE,
                stream TEXT NOT NULL,
                subject TEXT NOT NULL,
                envelope TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                published_at INTEGER NULL,
                last_error TEXT NULL);
            CREATE INDEX ix_outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
            """);
    }

    /// <inheritdoc />
    public override void Down() => Delete.Table("outbox");
}
