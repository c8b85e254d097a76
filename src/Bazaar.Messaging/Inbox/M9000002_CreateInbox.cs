using FluentMigrator;

namespace Bazaar.Messaging.Inbox;

/// <summary>The inbox (which events a consumer group already handled) and the dead letters, in the
/// service's own database so they commit with the handler's writes.</summary>
[Migration(9_000_002)]
public sealed class M9000002_CreateInbox : Migration
{
    /// <inheritdoc />
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE inbox (
                consumer_group TEXT NOT NULL,
                event_id TEXT NOT NULL,
                handled_at INTEGER NOT NULL,
                PRIMARY KEY (consumer_group, event_id));
            CREATE TABLE dead_letters (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                consumer_group TEXT NOT NULL,
                event_id TEXT NOT NULL,
                type TEXT NOT NULL,
                subject TEXT NOT NULL,
                envelope TEXT NOT NULL,
                error TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                dead_at INTEGER NOT NULL,
                UNIQUE (consumer_group, event_id));
            """);
    }

    /// <inheritdoc />
    public override void Down()
    {
        Delete.Table("dead_letters");
        Delete.Table("inbox");
    }
}
