using Bazaar.Messaging.Outbox;
using Bazaar.Messaging.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OutboxTable = Bazaar.Messaging.Outbox.Outbox;

namespace Bazaar.Messaging.Tests;

public sealed class OutboxRelayTests : IDisposable
{
    private const string Stream = "orders";
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));
    private readonly SqliteEventTransport _log;
    private readonly FlakyTransport _transport;
    private readonly OutboxRelay _relay;

    public OutboxRelayTests()
    {
        _log = new SqliteEventTransport(Options.Create(new SqliteTransportOptions { Path = _db.EventsPath }), _time);
        _transport = new FlakyTransport(_log);
        var options = new OutboxOptions { BatchSize = 3, RetryInitial = TimeSpan.FromSeconds(1), RetryMax = TimeSpan.FromSeconds(4) };
        _relay = new OutboxRelay(_db.Database, _transport, _time, Options.Create(options), NullLogger<OutboxRelay>.Instance);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_event_is_published_only_after_its_transaction_commits()
    {
        var envelope = Events.Placed("order-1", time: _time);
        await using var connection = await _db.Database.OpenAsync(Token);
        await using var transaction = await connection.BeginTransactionAsync(Token);
        await OutboxTable.AddAsync(connection, transaction, Stream, envelope, Token);

        Assert.Equal(0, await _relay.RelayOnceAsync(Token));
        await transaction.CommitAsync(Token);
        Assert.Equal(1, await _relay.RelayOnceAsync(Token));

        var delivered = Assert.Single(await _log.FetchAsync(Stream, "billing", "replica-1", 10, Token));
        Assert.Equal(envelope.Id, delivered.Envelope.Id);
        Assert.Equal(1, await _db.CountAsync("SELECT COUNT(*) FROM outbox WHERE published_at IS NOT NULL"));
    }

    [Fact]
    public async Task A_rolled_back_transaction_publishes_nothing()
    {
        await using (var connection = await _db.Database.OpenAsync(Token))
        await using (var transaction = await connection.BeginTransactionAsync(Token))
        {
            await OutboxTable.AddAsync(connection, transaction, Stream, Events.Placed("order-1", time: _time), Token);
            await transaction.RollbackAsync(Token);
        }

        Assert.Equal(0, await _relay.RelayOnceAsync(Token));
        Assert.Empty(await _log.FetchAsync(Stream, "billing", "replica-1", 10, Token));
        Assert.Equal(0, await _db.CountAsync("SELECT COUNT(*) FROM outbox"));
    }

    [Fact]
    public async Task Rows_are_published_in_batches_in_outbox_order()
    {
        var envelopes = Enumerable.Range(0, 7).Select(i => Events.Placed("order-" + (i % 2), i, _time)).ToList();
        await AddCommittedAsync(envelopes.Take(5).Select(e => ("orders", e)).Append(("payments", envelopes[5])).Append(("orders", envelopes[6])).ToArray());

        Assert.Equal(3, await _relay.RelayOnceAsync(Token));
        Assert.Equal(3, await _relay.RelayOnceAsync(Token));
        Assert.Equal(1, await _relay.RelayOnceAsync(Token));
        Assert.Equal(0, await _relay.RelayOnceAsync(Token));

        var orders = await _log.FetchAsync(Stream, "billing", "replica-1", 100, Token);
        Assert.Equal(envelopes.Take(5).Append(envelopes[6]).Select(e => e.Id), orders.Select(e => e.Envelope.Id));
        Assert.Equal(envelopes[5].Id, Assert.Single(await _log.FetchAsync("payments", "billing", "replica-1", 100, Token)).Envelope.Id);
    }

    [Fact]
    public async Task A_failed_publish_is_retried_later_with_growing_back_off()
    {
        var envelope = Events.Placed("order-1", time: _time);
        await AddCommittedAsync((Stream, envelope));
        _transport.FailPublishes = 3;

        Assert.Equal(0, await _relay.RelayOnceAsync(Token));
        Assert.Equal(1, await _db.CountAsync("SELECT attempts FROM outbox"));
        Assert.Equal(1, await _db.CountAsync("SELECT COUNT(*) FROM outbox WHERE last_error IS NOT NULL"));

        // Not due yet: the transport is not even asked.
        var calls = _transport.PublishCalls;
        Assert.Equal(0, await _relay.RelayOnceAsync(Token));
        Assert.Equal(calls, _transport.PublishCalls);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await _relay.RelayOnceAsync(Token));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await _relay.RelayOnceAsync(Token)); // second retry waits 2 s
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await _relay.RelayOnceAsync(Token));
        Assert.Equal(3, await _db.CountAsync("SELECT attempts FROM outbox"));

        _time.Advance(TimeSpan.FromSeconds(4)); // capped at 4 s
        Assert.Equal(1, await _relay.RelayOnceAsync(Token));
        Assert.Single(await _log.FetchAsync(Stream, "billing", "replica-1", 10, Token));
        Assert.Equal(1, await _db.CountAsync("SELECT COUNT(*) FROM outbox WHERE published_at IS NOT NULL AND last_error IS NULL"));
    }

    [Fact]
    public async Task A_row_waiting_out_its_back_off_holds_back_newer_rows()
    {
        var first = Events.Placed("order-1", 1, _time);
        await AddCommittedAsync((Stream, first));
        _transport.FailPublishes = 1;
        Assert.Equal(0, await _relay.RelayOnceAsync(Token));

        var second = Events.Placed("order-1", 2, _time);
        await AddCommittedAsync((Stream, second));
        Assert.Equal(0, await _relay.RelayOnceAsync(Token));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await _relay.RelayOnceAsync(Token));
        var delivered = await _log.FetchAsync(Stream, "billing", "replica-1", 10, Token);
        Assert.Equal([first.Id, second.Id], delivered.Select(e => e.Envelope.Id));
    }

    [Fact]
    public async Task A_relay_that_publishes_twice_leaves_one_event_in_the_log()
    {
        var envelope = Events.Placed("order-1", time: _time);
        await AddCommittedAsync((Stream, envelope));
        var other = new OutboxRelay(_db.Database, _log, _time, Options.Create(new OutboxOptions()), NullLogger<OutboxRelay>.Instance);

        // Two replicas' relays read the same row before either marks it published.
        await _log.PublishAsync(Stream, [envelope], Token);
        Assert.Equal(1, await other.RelayOnceAsync(Token));

        Assert.Single(await _log.FetchAsync(Stream, "billing", "replica-1", 10, Token));
    }

    private async Task AddCommittedAsync(params (string Stream, Envelope.CloudEvent Envelope)[] events)
    {
        await using var connection = await _db.Database.OpenAsync(Token);
        await using var transaction = await connection.BeginTransactionAsync(Token);
        foreach (var (stream, envelope) in events) await OutboxTable.AddAsync(connection, transaction, stream, envelope, Token);
        await transaction.CommitAsync(Token);
    }

    public void Dispose() => _db.Dispose();
}
