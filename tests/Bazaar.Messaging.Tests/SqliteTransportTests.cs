using Bazaar.Messaging.Envelope;
using Bazaar.Messaging.Transport;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bazaar.Messaging.Tests;

/// <summary>What the embedded transport adds to the contract: several processes on one file, and
/// the consumers of a group sharing its partitions through leases.</summary>
public sealed class SqliteTransportTests : IDisposable
{
    private const string Stream = "orders";
    private readonly TestDatabase _folder = new();
    private readonly FakeTimeProvider _time = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Each instance stands for a process of its own: it only shares the file with the others.
    private SqliteEventTransport Process() => new(Options.Create(new SqliteTransportOptions { Path = _folder.EventsPath, LeaseDuration = TimeSpan.FromSeconds(10) }), _time);

    [Fact]
    public async Task Two_processes_publishing_at_once_share_one_log()
    {
        var (a, b) = (Process(), Process());
        var fromA = Enumerable.Range(0, 60).Select(i => Events.Placed("a-" + (i % 3), i)).ToList();
        var fromB = Enumerable.Range(0, 60).Select(i => Events.Placed("b-" + (i % 3), i)).ToList();

        await Task.WhenAll(
            Task.Run(async () => { foreach (var e in fromA) await a.PublishAsync(Stream, [e], Token); }, Token),
            Task.Run(async () => { foreach (var e in fromB) await b.PublishAsync(Stream, [e], Token); }, Token));

        var delivered = (await Process().FetchAsync(Stream, "billing", "replica-1", 1000, Token)).Select(e => e.Envelope).ToList();
        Assert.Equal(120, delivered.Count);
        foreach (var subject in fromA.Concat(fromB).GroupBy(e => e.Subject))
        {
            Assert.Equal(subject.Select(e => e.Id), delivered.Where(e => e.Subject == subject.Key).Select(e => e.Id));
        }
    }

    [Fact]
    public async Task A_commit_in_one_process_is_seen_by_another()
    {
        var (a, b) = (Process(), Process());
        var published = Enumerable.Range(0, 4).Select(i => Events.Placed("order-" + i)).ToList();
        await a.PublishAsync(Stream, published, Token);
        var fetched = await a.FetchAsync(Stream, "billing", "replica-1", 2, Token);
        await a.CommitAsync(Stream, "billing", "replica-1", fetched[^1].Position, Token);

        var rest = await b.FetchAsync(Stream, "billing", "replica-1", 10, Token);

        Assert.Equal(published.Skip(2).Select(e => e.Id), rest.Select(e => e.Envelope.Id));
    }

    [Fact]
    public void A_subject_always_lands_in_the_same_partition()
    {
        Assert.Equal(Partitions.Of("order-42"), Partitions.Of("order-42"));
        Assert.InRange(Partitions.Of("order-42"), 0, Partitions.Count - 1);
        Assert.True(Enumerable.Range(0, 200).Select(i => Partitions.Of("order-" + i)).Distinct().Count() > Partitions.Count / 2);
    }

    [Fact]
    public async Task Two_consumers_of_a_group_split_its_partitions_by_subject()
    {
        var (a, b) = (Process(), Process());
        Assert.Empty(await a.FetchAsync(Stream, "billing", "replica-1", 1, Token));
        Assert.Empty(await b.FetchAsync(Stream, "billing", "replica-2", 1, Token)); // a still holds every partition
        await a.FetchAsync(Stream, "billing", "replica-1", 1, Token); // a sees b and gives back half
        var published = Enumerable.Range(0, 64).Select(i => Events.Placed("order-" + i)).ToList();
        await a.PublishAsync(Stream, published, Token);

        var ofA = (await a.FetchAsync(Stream, "billing", "replica-1", 1000, Token)).Select(e => e.Envelope).ToList();
        var ofB = (await b.FetchAsync(Stream, "billing", "replica-2", 1000, Token)).Select(e => e.Envelope).ToList();

        Assert.NotEmpty(ofA);
        Assert.NotEmpty(ofB);
        Assert.Equal(published.Select(e => e.Id).Order(), ofA.Concat(ofB).Select(e => e.Id).Order());
        Assert.Empty(ofA.Select(e => Partitions.Of(e.Subject)).Intersect(ofB.Select(e => Partitions.Of(e.Subject))));
    }

    [Fact]
    public async Task Two_consumers_taking_turns_handle_each_event_once_and_each_subject_in_order()
    {
        var consumers = new[] { (Transport: Process(), Name: "replica-1"), (Transport: Process(), Name: "replica-2") };
        foreach (var round in Enumerable.Range(0, 2))
        {
            foreach (var (transport, name) in consumers) await transport.FetchAsync(Stream, "billing", name, 1, Token);
        }

        var published = new List<CloudEvent>();
        for (var step = 0; step < 4; step++)
        {
            var batch = Enumerable.Range(0, 20).Select(order => Events.Placed("order-" + order, step)).ToList();
            published.AddRange(batch);
            await consumers[step % 2].Transport.PublishAsync(Stream, batch, Token);
        }

        var handled = new List<(string Consumer, CloudEvent Event)>();
        for (var idleRounds = 0; idleRounds < 2;)
        {
            var progress = false;
            foreach (var (transport, name) in consumers)
            {
                var fetched = await transport.FetchAsync(Stream, "billing", name, 7, Token);
                if (fetched.Count == 0) continue;
                handled.AddRange(fetched.Select(e => (name, e.Envelope)));
                await transport.CommitAsync(Stream, "billing", name, fetched[^1].Position, Token);
                progress = true;
            }

            idleRounds = progress ? 0 : idleRounds + 1;
        }

        Assert.Equal(published.Select(e => e.Id).Order(), handled.Select(h => h.Event.Id).Order());
        Assert.Equal(2, handled.Select(h => h.Consumer).Distinct().Count());
        foreach (var subject in handled.GroupBy(h => h.Event.Subject))
        {
            Assert.Single(subject.Select(h => h.Consumer).Distinct());
            Assert.Equal([0m, 1m, 2m, 3m], subject.Select(h => h.Event.Total()));
        }
    }

    [Fact]
    public async Task A_standby_takes_over_when_the_lease_holder_stops_renewing()
    {
        var (a, b) = (Process(), Process());
        var published = Enumerable.Range(0, 3).Select(i => Events.Placed("order-" + i)).ToList();
        await a.PublishAsync(Stream, published, Token);
        var fetched = await a.FetchAsync(Stream, "billing", "replica-1", 1, Token);
        await a.CommitAsync(Stream, "billing", "replica-1", fetched[0].Position, Token);

        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(await b.FetchAsync(Stream, "billing", "replica-2", 10, Token));
        _time.Advance(TimeSpan.FromSeconds(6));
        var takenOver = await b.FetchAsync(Stream, "billing", "replica-2", 10, Token);

        Assert.Equal(published.Skip(1).Select(e => e.Id), takenOver.Select(e => e.Envelope.Id));
    }

    [Fact]
    public async Task A_commit_after_losing_a_partition_does_not_move_its_offset()
    {
        var (a, b) = (Process(), Process());
        var envelope = Events.Placed("order-1");
        await a.PublishAsync(Stream, [envelope], Token);
        var fetched = Assert.Single(await a.FetchAsync(Stream, "billing", "replica-1", 10, Token));

        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.Single(await b.FetchAsync(Stream, "billing", "replica-2", 10, Token));
        await a.CommitAsync(Stream, "billing", "replica-1", fetched.Position, Token);

        Assert.Equal(envelope.Id, Assert.Single(await b.FetchAsync(Stream, "billing", "replica-2", 10, Token)).Envelope.Id);
    }

    [Fact]
    public async Task Fetching_renews_the_lease()
    {
        var (a, b) = (Process(), Process());
        await a.PublishAsync(Stream, [Events.Placed("order-1")], Token);

        for (var i = 0; i < 3; i++)
        {
            Assert.Single(await a.FetchAsync(Stream, "billing", "replica-1", 10, Token));
            _time.Advance(TimeSpan.FromSeconds(8));
        }

        Assert.Empty(await b.FetchAsync(Stream, "billing", "replica-2", 10, Token));
    }

    [Fact]
    public async Task A_group_split_over_two_consumers_reaches_a_position_only_when_both_committed_their_partitions()
    {
        var (a, b) = (Process(), Process());
        await a.FetchAsync(Stream, "billing", "replica-1", 1, Token);
        await b.FetchAsync(Stream, "billing", "replica-2", 1, Token);
        await a.FetchAsync(Stream, "billing", "replica-1", 1, Token); // a sees b and gives back half
        await a.PublishAsync(Stream, Enumerable.Range(0, 64).Select(i => Events.Placed("order-" + i)).ToList(), Token);
        var head = await a.HeadAsync(Stream, Token);

        var ofA = await a.FetchAsync(Stream, "billing", "replica-1", 1000, Token);
        var ofB = await b.FetchAsync(Stream, "billing", "replica-2", 1000, Token);
        Assert.NotEmpty(ofA);
        Assert.NotEmpty(ofB);
        await a.CommitAsync(Stream, "billing", "replica-1", ofA[^1].Position, Token);

        // a's partitions are done, b's are not: the group has passed no event of b's yet.
        Assert.False(await Process().HasReachedAsync(Stream, "billing", head, Token));
        Assert.False(await a.HasReachedAsync(Stream, "billing", ofB[0].Position, Token));
        Assert.True(await a.HasReachedAsync(Stream, "billing", ofB[0].Position - 1, Token));

        await b.CommitAsync(Stream, "billing", "replica-2", ofB[^1].Position, Token);
        Assert.True(await Process().HasReachedAsync(Stream, "billing", head, Token));
    }

    [Fact]
    public async Task Progress_is_read_from_a_log_no_process_has_created_yet()
    {
        File.Delete(_folder.EventsPath);

        Assert.Equal(0, await Process().HeadAsync(Stream, Token));
        Assert.True(await Process().HasReachedAsync(Stream, "billing", 0, Token));
    }

    /// <summary>A fetch seeks each partition from its offset: before, one join ordered by seq
    /// walked the whole stream on every poll, so an idle consumer cost more the longer the log.</summary>
    [Fact]
    public async Task A_fetch_seeks_each_partition_from_its_offset_instead_of_scanning_the_stream()
    {
        await Process().PublishAsync(Stream, [Events.Placed("order-1")], Token);
        await using var connection = new SqliteConnection($"Data Source={_folder.EventsPath}");
        await connection.OpenAsync(Token);

        var plan = (await connection.QueryAsync<(long, long, long, string Detail)>("EXPLAIN QUERY PLAN " + SqliteEventTransport.PartitionEventsSql,
            new { stream = Stream, Partition = 3, Position = 10, max = 100 })).Select(row => row.Detail).ToList();

        Assert.Equal(["SEARCH events USING INDEX ix_events_stream_partition_seq (stream=? AND partition=? AND seq>?)"], plan);
    }

    public void Dispose() => _folder.Dispose();
}
