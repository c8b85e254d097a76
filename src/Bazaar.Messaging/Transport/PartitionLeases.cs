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
        // Every statement below is constant SQL with these parameters: Dapper.AOT binds only the
        // ones each statement names.
        var key = new { stream, group, consumer, now = at, expires, cancellationToken };

        await connection.ExecuteAsync("DELETE FROM members WHERE stream = @stream AND consumer_group = @group AND expires_at <= @now", key, transaction);
        await connection.ExecuteAsync("""
            INSERT INTO members (stream, consumer_group, consumer, expires_at) VALUES (@stream, @group, @consumer, @expires)
            ON CONFLICT (stream, consumer_group, consumer) DO UPDATE SET expires_at = excluded.expires_at
            """, key, transaction);
        var live = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM members WHERE stream = @stream AND consumer_group = @group", key, transaction);
        var share = (int)((Partitions.Count + live - 1) / live);

        // A lease still naming this consumer was not taken over, so renewing it is safe even if it lapsed.
        await connection.ExecuteAsync("UPDATE leases SET expires_at = @expires WHERE stream = @stream AND consumer_group = @group AND owner = @consumer", key, transaction);
        var owned = (await connection.QueryAsync<long>("SELECT partition FROM leases WHERE stream = @stream AND consumer_group = @group AND owner = @consumer ORDER BY partition", key, transaction)).ToList();

        if (owned.Count > share)
        {
            await connection.ExecuteAsync(
                "DELETE FROM leases WHERE stream = @stream AND consumer_group = @group AND owner = @consumer AND partition IN @excess",
                new { stream, group, consumer, excess = owned.Skip(share).ToArray(), cancellationToken }, transaction);
            return;
        }

        var taken = (await connection.QueryAsync<long>("SELECT partition FROM leases WHERE stream = @stream AND consumer_group = @group AND expires_at > @now", key, transaction)).ToHashSet();
        foreach (var partition in Enumerable.Range(0, Partitions.Count).Where(p => !taken.Contains(p)).Take(share - owned.Count))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO leases (stream, consumer_group, partition, owner, expires_at) VALUES (@stream, @group, @partition, @consumer, @expires)
                ON CONFLICT (stream, consumer_group, partition) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                WHERE leases.expires_at <= @now
                """,
                new { stream, group, partition, consumer, now = at, expires, cancellationToken }, transaction);
        }
    }
}
