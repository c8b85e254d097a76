using Bazaar.Messaging.Envelope;
using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bazaar.Messaging.Transport;

/// <summary>The embedded transport: a SQLite file shared by every process (WAL), with consumer
/// groups and committed offsets. Each stream is split into <see cref="Partitions.Count"/>
/// partitions by subject; the live consumers of a group share the partitions through leases they
/// renew on every fetch, so a group is spread over its replicas while each subject is read by one
/// consumer at a time, in log order. Offsets are kept per partition.</summary>
public sealed class SqliteEventTransport : IEventTransport
{
    private readonly string _connectionString;
    private readonly SqliteTransportOptions _options;
    private readonly TimeProvider _time;
    private volatile bool _schemaReady;

    /// <summary>Opens (and creates when missing) the log at <see cref="SqliteTransportOptions.Path"/>.</summary>
    public SqliteEventTransport(IOptions<SqliteTransportOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Writers from other processes wait for each other rather than fail.
            DefaultTimeout = Database.CommandTimeoutSeconds,
        }.ToString();
    }

    /// <inheritdoc />
    public async Task PublishAsync(string stream, IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) return;
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var envelope in events)
        {
            // OR IGNORE: a relay that crashed after publishing publishes again; the log keeps one copy.
            await connection.ExecuteAsync(
                """
                INSERT OR IGNORE INTO events (stream, partition, subject, event_id, envelope, published_at)
                VALUES (@stream, @partition, @subject, @id, @envelope, @now)
                """,
                new { stream, partition = Partitions.Of(envelope.Subject), subject = envelope.Subject, id = envelope.Id, envelope = envelope.ToJson(), now, cancellationToken },
                transaction);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TransportEvent>> FetchAsync(string stream, string group, string consumer, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await PartitionLeases.RebalanceAsync(connection, transaction, stream, group, consumer, _time.GetUtcNow(), _options.LeaseDuration, cancellationToken);

        // One indexed seek per held partition (ix_events_stream_partition_seq), then the lowest
        // positions of their union: a single join ordered by seq made SQLite walk the whole stream
        // on every poll, so an idle consumer's cost grew with the log.
        var held = await connection.QueryAsync<HeldPartition>(
            """
            SELECT l.partition AS Partition, COALESCE(o.position, 0) AS Position
            FROM leases l
            LEFT JOIN offsets o ON o.stream = l.stream AND o.consumer_group = l.consumer_group AND o.partition = l.partition
            WHERE l.stream = @stream AND l.consumer_group = @group AND l.owner = @consumer
            """,
            new { stream, group, consumer, cancellationToken }, transaction);
        var rows = new List<EventRow>();
        foreach (var partition in held)
        {
            rows.AddRange(await connection.QueryAsync<EventRow>(
                PartitionEventsSql,
                new { stream, partition.Partition, partition.Position, max, cancellationToken }, transaction));
        }
        var events = rows.OrderBy(row => row.Seq).Take(max).Select(row => new TransportEvent(row.Seq, CloudEvent.Parse(row.Envelope))).ToList();
        await transaction.CommitAsync(cancellationToken);
        return events;
    }

    /// <inheritdoc />
    public async Task CommitAsync(string stream, string group, string consumer, long position, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        // Every partition this consumer still holds: its last fetch answered all their events up
        // to the position. A partition lost meanwhile is not touched; its new holder redelivers
        // and the inbox skips. MAX: a position never moves back.
        await connection.ExecuteAsync(
            """
            INSERT INTO offsets (stream, consumer_group, partition, position)
            SELECT stream, consumer_group, partition, @position FROM leases
            WHERE stream = @stream AND consumer_group = @group AND owner = @consumer
            ON CONFLICT (stream, consumer_group, partition) DO UPDATE SET position = MAX(position, excluded.position)
            """,
            new { stream, group, consumer, position, cancellationToken }, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task RewindAsync(string stream, string group, long position, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var key = new { stream, group, position, cancellationToken };
        await connection.ExecuteAsync(
            "UPDATE offsets SET position = MIN(position, @position) WHERE stream = @stream AND consumer_group = @group", key, transaction);
        // Revoking the leases makes a commit for a batch fetched before the rewind touch no
        // partition (commits only move partitions the consumer holds), so it cannot undo the
        // rewind; the next fetch claims the partitions again, from the new position.
        await connection.ExecuteAsync(
            "DELETE FROM leases WHERE stream = @stream AND consumer_group = @group", key, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<long> HeadAsync(string stream, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COALESCE(MAX(seq), 0) FROM events WHERE stream = @stream", new { stream, cancellationToken });
    }

    /// <inheritdoc />
    /// <remarks>Offsets are kept per partition, so the group has reached the position when no
    /// partition holds an event at or before it that is after the partition's committed offset: one
    /// indexed seek per partition (ix_events_stream_partition_seq) rather than a scan of the stream.</remarks>
    public async Task<bool> HasReachedAsync(string stream, string group, long position, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(
            """
            WITH RECURSIVE parts(p) AS (SELECT 0 UNION ALL SELECT p + 1 FROM parts WHERE p + 1 < @count)
            SELECT NOT EXISTS (SELECT 1 FROM parts WHERE EXISTS (
                SELECT 1 FROM events e
                WHERE e.stream = @stream AND e.partition = parts.p AND e.seq <= @position
                  AND e.seq > COALESCE((SELECT o.position FROM offsets o WHERE o.stream = @stream AND o.consumer_group = @group AND o.partition = parts.p), 0)))
            """,
            new { stream, group, position, count = Partitions.Count, cancellationToken });
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await Database.OpenSqliteAsync(_connectionString, cancellationToken);
        if (_schemaReady) return connection;
        try
        {
            // Idempotent, so racing first calls are harmless.
            await EventLogSchema.EnsureAsync(connection, cancellationToken);
            _schemaReady = true;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The next events of one partition after its offset.</summary>
    internal const string PartitionEventsSql =
        "SELECT seq AS Seq, envelope AS Envelope FROM events WHERE stream = @stream AND partition = @Partition AND seq > @Position ORDER BY seq LIMIT @max";

    // Classes, not records: SQLite types a computed column (COALESCE) as BLOB in an empty result.
    internal sealed class HeldPartition
    {
        public long Partition { get; init; }
        public long Position { get; init; }
    }

    internal sealed class EventRow
    {
        public long Seq { get; init; }
        public string Envelope { get; init; } = "";
    }
}
