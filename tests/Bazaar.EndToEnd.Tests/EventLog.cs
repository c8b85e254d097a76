using Dapper;
using Microsoft.Data.Sqlite;

namespace Bazaar.EndToEnd.Tests;

/// <summary>The shared event log (data/events.db) read from outside, to see whether a consumer
/// group has handled everything published so far.</summary>
internal static class EventLog
{
    /// <summary>How many partitions of <paramref name="stream"/> have events past the group's committed position.</summary>
    public static async Task<long> PartitionsBehindAsync(RunningShop shop, string stream, string group)
    {
        var path = Path.Combine(shop.DataDirectory, "data", "events.db");
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        await connection.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM (SELECT partition, MAX(seq) AS last FROM events WHERE stream = @stream GROUP BY partition) AS e
            LEFT JOIN offsets AS o ON o.stream = @stream AND o.consumer_group = @group AND o.partition = e.partition
            WHERE o.position IS NULL OR o.position < e.last
            """,
            new { stream, group });
    }
}
