using Bazaar.Messaging.DeadLetters;
using Bazaar.Messaging.Inbox;
using Bazaar.Messaging.Transport;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bazaar.Messaging.Tests;

/// <summary>A failing handler is retried one attempt per round, in order, without the consumer
/// ever working on a partition whose lease may have lapsed.</summary>
public sealed class ConsumerRetryTests : IDisposable
{
    private const string Stream = "orders";
    private const string Group = "recommendation-service";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));
    private readonly FlakyTransport _transport;
    private readonly ScriptedHandler _handler;

    public ConsumerRetryTests()
    {
        _transport = new FlakyTransport(new SqliteEventTransport(Options.Create(new SqliteTransportOptions { Path = _db.EventsPath, LeaseDuration = Lease }), _time))
        {
            Clock = _time,
        };
        _handler = new ScriptedHandler(_time);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private EventConsumer Consumer(int maxAttempts, TimeSpan retryInitial, TimeSpan retryMax) => new(_db.Database, _transport, _handler,
        new ConsumerOptions { Stream = Stream, Group = Group, Consumer = "replica-1", MaxAttempts = maxAttempts, RetryInitial = retryInitial, RetryMax = retryMax },
        _time, NullLogger<EventConsumer>.Instance);

    [Fact]
    public async Task A_handler_that_fails_then_recovers_is_handled_once_and_the_later_events_wait_for_it()
    {
        var (first, sameSubject, otherSubject) = (Events.Placed("order-1"), Events.Placed("order-1"), Events.Placed("order-2"));
        await _transport.PublishAsync(Stream, [first, sameSubject, otherSubject], Token);
        _handler.Fail(first.Id, times: 2);
        var consumer = Consumer(maxAttempts: 5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));

        Assert.Equal(0, await consumer.RunOnceAsync(Token));
        Assert.Equal(0, await consumer.RunOnceAsync(Token)); // waiting out the 1 s back-off: no attempt
        Assert.Single(_handler.Attempts);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await consumer.RunOnceAsync(Token));
        Assert.Empty(_handler.Handled);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(3, await consumer.RunOnceAsync(Token));

        Assert.Equal([first.Id, sameSubject.Id, otherSubject.Id], _handler.Handled);
        Assert.Equal(3, _handler.Attempts.Count(attempt => attempt.EventId == first.Id));
        Assert.Equal(3, await _db.CountAsync("SELECT COUNT(*) FROM effects"));
        Assert.Empty(await Store().ListAsync(cancellationToken: Token));
    }

    [Fact]
    public async Task A_handler_that_always_fails_is_dead_lettered_after_max_attempts_and_the_next_events_proceed()
    {
        var (poison, next, other) = (Events.Placed("order-1"), Events.Placed("order-1"), Events.Placed("order-2"));
        await _transport.PublishAsync(Stream, [poison, next, other], Token);
        _handler.Fail(poison.Id);
        var consumer = Consumer(maxAttempts: 4, TimeSpan.Zero, TimeSpan.Zero);

        for (var round = 0; round < 3; round++) Assert.Equal(0, await consumer.RunOnceAsync(Token));
        Assert.Empty(_handler.Handled);
        Assert.Equal(3, await consumer.RunOnceAsync(Token));

        Assert.Equal(4, _handler.Attempts.Count(attempt => attempt.EventId == poison.Id));
        Assert.Equal([next.Id, other.Id], _handler.Handled);
        var letter = Assert.Single(await Store().ListAsync(cancellationToken: Token));
        Assert.Equal((poison.Id, 4), (letter.EventId, letter.Attempts));
        Assert.Equal(0, await _db.CountAsync("SELECT COUNT(*) FROM effects WHERE event_id = @Id", new { poison.Id }));
    }

    [Fact]
    public async Task Backing_off_longer_than_the_lease_keeps_the_lease_and_never_works_past_it()
    {
        var poison = Events.Placed("order-1");
        await _transport.PublishAsync(Stream, [poison], Token);
        _handler.Fail(poison.Id);
        var options = new ConsumerOptions { Stream = Stream, Group = Group, Consumer = "replica-1", MaxAttempts = 7, RetryInitial = TimeSpan.FromSeconds(1), RetryMax = TimeSpan.FromSeconds(30) };
        var consumer = new EventConsumer(_db.Database, _transport, _handler, options, _time, NullLogger<EventConsumer>.Instance);

        // What the background loop does: a round, and the poll interval when it processed nothing.
        var rounds = 0;
        while (await consumer.RunOnceAsync(Token) == 0)
        {
            Assert.True(++rounds < 10_000, "The event was never dead-lettered.");
            _time.Advance(options.PollInterval);
            // Still held when the next round starts: no standby could have taken it meanwhile.
            Assert.Equal("replica-1", await LeaseHolderAsync(Partitions.Of(poison.Subject)));
        }

        Assert.Equal(7, _handler.Attempts.Count);
        // The back-off grew past the lease, yet the lease was renewed all along...
        Assert.Contains(_handler.Attempts.Zip(_handler.Attempts.Skip(1)), pair => pair.Second.At - pair.First.At > Lease);
        Assert.All(_transport.FetchTimes.Zip(_transport.FetchTimes.Skip(1)), pair => Assert.True(pair.Second - pair.First < Lease));
        // ...and every attempt ran right after a fetch renewed it.
        Assert.All(_handler.Attempts, attempt => Assert.True(attempt.At - _transport.FetchTimes.Last(fetch => fetch <= attempt.At) < Lease));
        Assert.Single(await Store().ListAsync(cancellationToken: Token));
    }

    [Fact]
    public async Task A_rewound_group_gets_every_event_again_and_the_inbox_changes_nothing()
    {
        var published = Enumerable.Range(0, 3).Select(i => Events.Placed("order-" + i)).ToList();
        await _transport.PublishAsync(Stream, published, Token);
        var consumer = Consumer(maxAttempts: 3, TimeSpan.Zero, TimeSpan.Zero);
        Assert.Equal(3, await consumer.RunOnceAsync(Token));

        await _transport.RewindAsync(Stream, Group, 0, Token);

        Assert.Equal(3, await consumer.RunOnceAsync(Token));
        Assert.Equal(0, await consumer.RunOnceAsync(Token));
        Assert.Equal(published.Select(e => e.Id), _handler.Handled);
        Assert.Equal(3, _handler.Attempts.Count);
        Assert.Equal(3, await _db.CountAsync("SELECT COUNT(*) FROM effects"));
    }

    public void Dispose() => _db.Dispose();

    private DeadLetterStore Store() => new(_db.Database, [new EventSubscription(Group, _handler)], _time);

    /// <summary>Who holds <paramref name="partition"/> now: null when nobody (or the lease lapsed).</summary>
    private async Task<string?> LeaseHolderAsync(int partition)
    {
        await using var connection = new SqliteConnection($"Data Source={_db.EventsPath}");
        await connection.OpenAsync(Token);
        return await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT owner FROM leases WHERE stream = @Stream AND consumer_group = @Group AND partition = @partition AND expires_at > @now",
            new { Stream, Group, partition, now = _time.GetUtcNow().ToUnixTimeMilliseconds() });
    }
}
