using Dapper;
using Microsoft.Data.Sqlite;

namespace Bazaar.Messaging.Transport;

/// <summary>The tables of the shared event log. The log belongs to no service, so no service's
/// migrations own it; every process creates what is missing, idempotently, in one IMMEDIATE
/// transaction so concurrent first starts serialise.</summary>
internal static class EventLogSchema
{
    private const string Sql = """
        CREATE TABLE IF NOT EXISTS events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            stream TEXT NOT NULL,
            partition INTEGER NOT NULL,
            subject TEXT NOT NULL,
            event_id TEXT NOT NULL,
            envelope TEXT NOT NULL,
            published_at INTEGER NOT NULL,
            UNIQUE (stream, event_id));
        CREATE INDEX IF NOT EXISTS ix_events_stream_partition_seq ON events (stream, partition, seq);
        CREATE TABLE IF NOT EXISTS offsets (
            stream TEXT NOT NULL,
            consumer_group TEXT NOT NULL,
            partition INTEGER NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (stream, consumer_group, partition));
        CREATE TABLE IF NOT EXISTS leases (
            stream TEXT NOT NULL,
            consumer_group TEXT NOT NULL,
            partition INTEGER NOT NULL,
            owner TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (stream, consumer_group, partition));
        CREATE TABLE IF NOT EXISTS members (
            stream TEXT NOT NULL,
            consumer_group TEXT NOT NULL,
            consumer TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (stream, consumer_group, consumer));
        """;

    public static async Task EnsureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // WAL lets consumers read while a relay appends; it is a property of the file.
        await connection.ExecuteAsync("PRAGMA journal_mode=WAL;", new { cancellationToken });
        await using var transaction = connection.BeginTransaction();
        await connection.ExecuteAsync(Sql, new { cancellationToken }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }
}
