using Dapper;
using Microsoft.Data.Sqlite;

namespace Bazaar.Messaging.Transport;

/// <summary>Spreads the partitions of a (stream, group) over its live consumers. Each fetch is a
/// heartbeat: the consumer renews its membership and leases, gives back partitions above its
/// fair share (only between batches, so nothing it holds is in flight) and claims free or
/// expired ones up to it. A crashed consumer's partitions move on when its leases expire.</summary>
internal static class PartitionLeases
{
    public static async Task RebalanceAsync(SqliteConnection connection, SqliteTransaction transaction, string stream, string group, string consumer,
        DateTimeOffset now, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var at = now.ToUnixTimeMilliseconds();
        var expires = (now + leaseDuration).ToUnixTimeMilliseconds();
        var key = new { stream, group, consumer, now = at, expires };

        await ExecuteAsync("DELETE FROM members WHERE stream = @stream AND consumer_group = @group AND expires_at <= @now");
        await ExecuteAsync("""
            INSERT INTO members (stream, consumer_group, consumer, expires_at) VALUES (@stream, @group, @consumer, @expires)
            ON CONFLICT (stream, consumer_group, consumer) DO UPDATE SET expires_at = excluded.expires_at
            """);
        var live = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM members WHERE stream = @stream AND consumer_group = @group", key, transaction, cancellationToken: cancellationToken));
        var share = (int)((Partitions.Count + live - 1) / live);

        // A lease still naming this consumer was not taken over, so renewing it is safe even if it lapsed.
        await ExecuteAsync("UPDATE leases SET expires_at = @expires WHERE stream = @stream AND consumer_group = @group AND owner = @consumer");
        var owned = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT partition FROM leases WHERE stream = @stream AND consumer_group = @group AND owner = @consumer ORDER BY partition",
            key, transaction, cancellationToken: cancellationToken))).ToList();

        if (owned.Count > share)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM leases WHERE stream = @stream AND consumer_group = @group AND owner = @consumer AND partition IN @excess",
                new { stream, group, consumer, excess = owned.Skip(share).ToArray() }, transaction, cancellationToken: cancellationToken));
            return;
        }

        var taken = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT partition FROM leases WHERE stream = @stream AND consumer_group = @group AND expires_at > @now",
            key, transaction, cancellationToken: cancellationToken))).ToHashSet();
        foreach (var partition in Enumerable.Range(0, Partitions.Count).Where(p => !taken.Contains(p)).Take(share - owned.Count))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO leases (stream, consumer_group, partition, owner, expires_at) VALUES (@stream, @group, @partition, @consumer, @expires)
                ON CONFLICT (stream, consumer_group, partition) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                WHERE leases.expires_at <= @now
                """,
                new { stream, group, partition, consumer, now = at, expires }, transaction, cancellationToken: cancellationToken));
        }

        Task ExecuteAsync(string sql) =>
            connection.ExecuteAsync(new CommandDefinition(sql, key, transaction, cancellationToken: cancellationToken));
    }
}
