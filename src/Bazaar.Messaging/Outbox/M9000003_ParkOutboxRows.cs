using FluentMigrator;

namespace Bazaar.Messaging.Outbox;

/// <summary>Lets the relay park a row it failed to publish too often (kept, never deleted, until an
/// operator re-arms or discards it), and find the head of each subject's queue quickly.</summary>
[Migration(9_000_003)]
public sealed class M9000003_ParkOutboxRows : Migration
{
    /// <inheritdoc />
    public override void Up()
    {
        // The relay asks "is an earlier row of this subject still unpublished?" for every row it
        // considers, hence the partial index on exactly the rows still in play.
        Execute.Sql("""
            ALTER TABLE outbox ADD COLUMN parked_at INTEGER NULL;
            ALTER TABLE outbox ADD COLUMN discarded_at INTEGER NULL;
            CREATE INDEX ix_outbox_unpublished_subject ON outbox (stream, subject, seq) WHERE published_at IS NULL;
            """);
    }

    /// <inheritdoc />
    public override void Down()
    {
        Execute.Sql("""
            DROP INDEX ix_outbox_unpublished_subject;
            ALTER TABLE outbox DROP COLUMN discarded_at;
            ALTER TABLE outbox DROP COLUMN parked_at;
            """);
    }
}
