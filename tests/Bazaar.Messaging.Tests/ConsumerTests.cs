using Bazaar.Messaging.DeadLetters;
using Bazaar.Messaging.Inbox;
using Bazaar.Messaging.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using InboxPath = Bazaar.Messaging.Inbox.Inbox;

namespace Bazaar.Messaging.Tests;

public sealed class ConsumerTests : IDisposable
{
    private const string Stream = "orders";
    private const string Group = "recommendation-service";
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new();
    private readonly FlakyTransport _transport;
    private readonly RecordingHandler _handler = new();

    public ConsumerTests()
    {
        _transport = new FlakyTransport(new SqliteEventTransport(Options.Create(new SqliteTransportOptions { Path = _db.EventsPath }), _time));
        Store = new DeadLetterStore(_db.Database, [new EventSubscription(Group, _handler)], _time);
    }

    private DeadLetterStore Store { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private EventConsumer Consumer(int maxAttempts = 3) => new(_db.Database, _transport, _handler,
        new ConsumerOptions { Stream = Stream, Group = Group, Consumer = "replica-1", MaxAttempts = maxAttempts, RetryInitial = TimeSpan.Zero },
        _time, NullLogger<EventConsumer>.Instance);

    [Fact]
    public async Task The_inbox_skips_an_event_the_group_already_handled()
    {
        var envelope = Events.Placed("order-1");

        Assert.True(await InboxPath.HandleAsync(_db.Database, Group, _handler, envelope, _time, Token));
        Assert.False(await InboxPath.HandleAsync(_db.Database, Group, _handler, envelope, _time, Token));
        Assert.True(await InboxPath.HandleAsync(_db.Database, "other-group", _handler, envelope, _time, Token));

        Assert.Equal(2, await _db.CountAsync("SELECT COUNT(*) FROM effects"));
    }

    [Fact]
    public async Task A_failing_handler_keeps_neither_its_writes_nor_the_inbox_row()
    {
        _handler.Failing = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => InboxPath.HandleAsync(_db.Database, Group, _handler, Events.Placed("order-1"), _time, Token));

        Assert.Equal(0, await _db.CountAsync("SELECT COUNT(*) FROM effects"));
        Assert.Equal(0, await _db.CountAsync("SELECT COUNT(*) FROM inbox"));
    }

    [Fact]
    public async Task The_consumer_handles_events_in_order_and_commits_them()
    {
        var published = Enumerable.Range(0, 5).Select(i => Events.Placed("order-" + (i % 2))).ToList();
        await _transport.PublishAsync(Stream, published, Token);

        Assert.Equal(5, await Consumer().RunOnceAsync(Token));
        Assert.Equal(0, await Consumer().RunOnceAsync(Token));

        Assert.Equal(5, await _db.CountAsync("SELECT COUNT(*) FROM effects"));
        Assert.Equal(5, await _db.CountAsync("SELECT COUNT(*) FROM inbox WHERE consumer_group = @Group", new { Group }));
    }

    [Fact]
    public async Task A_batch_that_runs_past_its_time_stops_so_the_next_fetch_renews_the_hold()
    {
        await _transport.PublishAsync(Stream, Enumerable.Range(0, 4).Select(i => Events.Placed("order-" + i)).ToList(), Token);
        var consumer = new EventConsumer(_db.Database, _transport, new SlowHandler(_handler, _time),
            new ConsumerOptions { Stream = Stream, Group = Group, Consumer = "replica-1", MaxBatchTime = TimeSpan.FromSeconds(2) },
            _time, NullLogger<EventConsumer>.Instance);

        Assert.Equal(2, await consumer.RunOnceAsync(Token));
        Assert.Equal(2, await consumer.RunOnceAsync(Token));
        Assert.Equal(0, await consumer.RunOnceAsync(Token));
        Assert.Equal(4, await _db.CountAsync("SELECT COUNT(*) FROM effects"));
    }

    [Fact]
    public async Task A_redelivery_after_a_lost_commit_changes_nothing()
    {
        await _transport.PublishAsync(Stream, [Events.Placed("order-1"), Events.Placed("order-2")], Token);
        _transport.FailCommits = 1;

        // Handled, then the offset commit fails as if the process died there.
        await Assert.ThrowsAsync<IOException>(() => Consumer().RunOnceAsync(Token));
        Assert.Equal(2, await Consumer().RunOnceAsync(Token));

        Assert.Equal(2, await _db.CountAsync("SELECT COUNT(*) FROM effects"));
        Assert.Equal(2, _handler.Calls);
    }

    [Fact]
    public async Task A_handler_that_recovers_within_its_attempts_is_not_dead_lettered()
    {
        await _transport.PublishAsync(Stream, [Events.Placed("order-1")], Token);
        var consumer = new EventConsumer(_db.Database, _transport, new RecoveringHandler(_handler, failures: 2),
            new ConsumerOptions { Stream = Stream, Group = Group, Consumer = "replica-1", MaxAttempts = 3, RetryInitial = TimeSpan.Zero },
            _time, NullLogger<EventConsumer>.Instance);

        // One attempt per round: two failed rounds, then the one that handles it.
        Assert.Equal(0, await consumer.RunOnceAsync(Token));
        Assert.Equal(0, await consumer.RunOnceAsync(Token));
        Assert.Equal(1, await consumer.RunOnceAsync(Token));

        Assert.Equal(1, await _db.CountAsync("SELECT COUNT(*) FROM effects"));
        Assert.Empty(await Store.ListAsync(cancellationToken: Token));
    }

    [Fact]
    public async Task A_handler_failing_every_attempt_is_dead_lettered_and_the_stream_moves_on()
    {
        var poison = Events.Placed("order-1");
        var next = Events.Placed("order-2");
        await _transport.PublishAsync(Stream, [poison], Token);
        _handler.Failing = true;

        var consumer = Consumer(maxAttempts: 3);
        Assert.Equal(0, await consumer.RunOnceAsync(Token));
        Assert.Equal(0, await consumer.RunOnceAsync(Token));
        Assert.Equal(1, await consumer.RunOnceAsync(Token));

        Assert.Equal(3, _handler.Calls);
        Assert.Equal(0, await _db.CountAsync("SELECT COUNT(*) FROM effects"));
        var letter = Assert.Single(await Store.ListAsync(cancellationToken: Token));
        Assert.Equal((Group, poison.Id, poison.Type, poison.Subject, 3), (letter.Group, letter.EventId, letter.Type, letter.Subject, letter.Attempts));
        var full = await Store.GetAsync(letter.Id, Token);
        Assert.Contains("handler failed for " + poison.Id, full!.Error, StringComparison.Ordinal);
        Assert.Equal(poison.Id, Envelope.CloudEvent.Parse(full.Envelope).Id);

        _handler.Failing = false;
        await _transport.PublishAsync(Stream, [next], Token);
        Assert.Equal(1, await Consumer().RunOnceAsync(Token));
        Assert.Equal(1, await _db.CountAsync("SELECT COUNT(*) FROM effects WHERE event_id = @Id", new { next.Id }));
    }

    [Fact]
    public async Task Replaying_a_dead_letter_handles_it_through_the_inbox_once()
    {
        await _transport.PublishAsync(Stream, [Events.Placed("order-1")], Token);
        _handler.Failing = true;
        await DeadLetterAsync();
        var letter = Assert.Single(await Store.ListAsync(Group, cancellationToken: Token));

        var failed = await Store.ReplayAsync(letter.Id, Token);
        Assert.Equal("failed", failed!.Outcome);
        Assert.Equal(4, (await Store.GetAsync(letter.Id, Token))!.Attempts);

        _handler.Failing = false;
        var replayed = await Store.ReplayAsync(letter.Id, Token);
        Assert.Equal("handled", replayed!.Outcome);
        Assert.Null(await Store.GetAsync(letter.Id, Token));
        Assert.Equal(1, await _db.CountAsync("SELECT COUNT(*) FROM effects"));
        Assert.Null(await Store.ReplayAsync(letter.Id, Token));
    }

    [Fact]
    public async Task Replaying_an_event_the_group_handled_meanwhile_changes_nothing()
    {
        var envelope = Events.Placed("order-1");
        await _transport.PublishAsync(Stream, [envelope], Token);
        _handler.Failing = true;
        await DeadLetterAsync();
        _handler.Failing = false;
        await InboxPath.HandleAsync(_db.Database, Group, _handler, envelope, _time, Token);
        var letter = Assert.Single(await Store.ListAsync(cancellationToken: Token));

        Assert.Equal("duplicate", (await Store.ReplayAsync(letter.Id, Token))!.Outcome);

        Assert.Equal(1, await _db.CountAsync("SELECT COUNT(*) FROM effects"));
        Assert.Empty(await Store.ListAsync(cancellationToken: Token));
    }

    [Fact]
    public async Task Listing_dead_letters_filters_by_group_and_is_empty_at_first()
    {
        Assert.Empty(await Store.ListAsync(cancellationToken: Token));
        Assert.Null(await Store.GetAsync(42, Token));

        await _transport.PublishAsync(Stream, [Events.Placed("order-1")], Token);
        _handler.Failing = true;
        await DeadLetterAsync();

        Assert.Single(await Store.ListAsync(Group, cancellationToken: Token));
        Assert.Empty(await Store.ListAsync("another-group", cancellationToken: Token));
    }

    /// <summary>Runs one consumer until the failing event at the head is dead-lettered.</summary>
    private async Task DeadLetterAsync()
    {
        var consumer = Consumer();
        for (var round = 0; round < 10; round++)
        {
            if (await consumer.RunOnceAsync(Token) > 0) return;
        }

        Assert.Fail("The event was never dead-lettered.");
    }

    public void Dispose() => _db.Dispose();

    /// <summary>Takes a (fake) second per event.</summary>
    private sealed class SlowHandler(RecordingHandler inner, FakeTimeProvider time) : IEventHandler
    {
        public Task HandleAsync(Envelope.CloudEvent envelope, System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return inner.HandleAsync(envelope, connection, transaction, cancellationToken);
        }
    }

    /// <summary>Fails the first <c>failures</c> calls, then behaves like the inner handler.</summary>
    private sealed class RecoveringHandler(RecordingHandler inner, int failures) : IEventHandler
    {
        private int _failures = failures;

        public Task HandleAsync(Envelope.CloudEvent envelope, System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
        {
            inner.Failing = _failures-- > 0;
            return inner.HandleAsync(envelope, connection, transaction, cancellationToken);
        }
    }
}
