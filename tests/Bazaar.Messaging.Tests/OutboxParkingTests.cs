using Bazaar.Messaging.Envelope;
using Bazaar.Messaging.Outbox;
using Bazaar.Messaging.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OutboxTable = Bazaar.Messaging.Outbox.Outbox;

namespace Bazaar.Messaging.Tests;

/// <summary>A row that cannot be published holds back only the later rows of its own subject, and
/// is parked after its attempts, kept until an operator re-arms or discards it.</summary>
public sealed class OutboxParkingTests : IDisposable
{
    private const string Stream = "orders";
    private readonly TestDatabase _db = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));
    private readonly SqliteEventTransport _log;
    private readonly FlakyTransport _transport;
    private readonly OutboxRelay _relay;
    private readonly ParkedOutbox _parked;

    public OutboxParkingTests()
    {
        _log = new SqliteEventTransport(Options.Create(new SqliteTransportOptions { Path = _db.EventsPath }), _time);
        _transport = new FlakyTransport(_log) { PoisonSubject = "poison" };
        var options = new OutboxOptions { RetryInitial = TimeSpan.FromSeconds(1), RetryMax = TimeSpan.FromSeconds(4), MaxAttempts = 3 };
        _relay = new OutboxRelay(_db.Database, _transport, _time, Options.Create(options), NullLogger<OutboxRelay>.Instance);
        _parked = new ParkedOutbox(_db.Database, _time);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_row_that_cannot_be_published_holds_back_its_own_subject_only()
    {
        var (poison, good, laterPoison, otherStream, other) =
            (Placed("poison"), Placed("order-1"), Placed("poison"), Placed("order-9"), Placed("order-2"));
        await AddCommittedAsync((Stream, poison), (Stream, good), ("payments", otherStream), (Stream, laterPoison), (Stream, other));

        Assert.Equal(3, await _relay.RelayOnceAsync(Token));

        Assert.Equal([good.Id, other.Id], await DeliveredAsync(Stream));
        Assert.Equal([otherStream.Id], await DeliveredAsync("payments"));
        Assert.Equal(1, await _db.CountAsync("SELECT attempts FROM outbox WHERE id = @Id", new { poison.Id }));
        Assert.Equal(0, await _db.CountAsync("SELECT attempts FROM outbox WHERE id = @Id", new { laterPoison.Id }));
        Assert.Equal(2, await _db.CountAsync("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL"));
    }

    [Fact]
    public async Task After_its_attempts_a_row_is_parked_its_subject_waits_and_a_retry_publishes_both_in_order()
    {
        var (poison, laterPoison) = (Placed("poison"), Placed("poison"));
        await AddCommittedAsync((Stream, poison), (Stream, laterPoison));

        await FailUntilParkedAsync();

        var parked = Assert.Single(await _parked.ListAsync(cancellationToken: Token));
        Assert.Equal((poison.Id, "poison", 3), (parked.EventId, parked.Subject, parked.Attempts));
        Assert.Contains("cannot publish poison", parked.LastError, StringComparison.Ordinal);
        Assert.Equal(poison.Id, CloudEvent.Parse(parked.Envelope).Id);

        // Parked: never tried again, however long one waits; its subject waits; others flow.
        var calls = _transport.PublishCalls;
        _time.Advance(TimeSpan.FromHours(1));
        var other = Placed("order-1");
        await AddCommittedAsync((Stream, other));
        Assert.Equal(1, await _relay.RelayOnceAsync(Token));
        Assert.Equal(calls + 1, _transport.PublishCalls);
        Assert.Equal([other.Id], await DeliveredAsync(Stream));

        _transport.PoisonSubject = null;
        Assert.True(await _parked.RetryAsync(parked.Seq, Token));
        Assert.Equal(2, await _relay.RelayOnceAsync(Token));

        Assert.Equal([other.Id, poison.Id, laterPoison.Id], await DeliveredAsync(Stream));
        Assert.Empty(await _parked.ListAsync(cancellationToken: Token));
        Assert.False(await _parked.RetryAsync(parked.Seq, Token));
    }

    [Fact]
    public async Task Discarding_a_parked_row_keeps_it_and_lets_its_subject_flow()
    {
        var (poison, later) = (Placed("poison"), Placed("poison"));
        await AddCommittedAsync((Stream, poison), (Stream, later));
        await FailUntilParkedAsync();
        var parked = Assert.Single(await _parked.ListAsync(cancellationToken: Token));
        _transport.PoisonSubject = null;

        Assert.True(await _parked.DiscardAsync(parked.Seq, Token));
        Assert.Equal(1, await _relay.RelayOnceAsync(Token));

        Assert.Equal([later.Id], await DeliveredAsync(Stream));
        Assert.Empty(await _parked.ListAsync(cancellationToken: Token));
        Assert.Equal(1, await _db.CountAsync("SELECT COUNT(*) FROM outbox WHERE id = @Id AND discarded_at IS NOT NULL", new { poison.Id }));
        Assert.False(await _parked.RetryAsync(parked.Seq, Token));
        Assert.False(await _parked.DiscardAsync(parked.Seq, Token));
        Assert.Equal(0, await _relay.RelayOnceAsync(Token));
    }

    [Fact]
    public async Task Only_parked_rows_are_listed_re_armed_or_discarded()
    {
        await AddCommittedAsync((Stream, Placed("order-1")));
        _transport.FailPublishes = 1;
        Assert.Equal(0, await _relay.RelayOnceAsync(Token));

        Assert.Empty(await _parked.ListAsync(cancellationToken: Token));
        Assert.False(await _parked.RetryAsync(1, Token));
        Assert.False(await _parked.DiscardAsync(1, Token));
        Assert.False(await _parked.RetryAsync(999, Token));
    }

    public void Dispose() => _db.Dispose();

    private CloudEvent Placed(string subject) => Events.Placed(subject, time: _time);

    private async Task FailUntilParkedAsync()
    {
        for (var round = 0; round < 3; round++)
        {
            Assert.Empty(await _parked.ListAsync(cancellationToken: Token));
            Assert.Equal(0, await _relay.RelayOnceAsync(Token));
            _time.Advance(TimeSpan.FromSeconds(4));
        }
    }

    private async Task<List<string>> DeliveredAsync(string stream) =>
        (await _log.FetchAsync(stream, "billing", "replica-1", 100, Token)).Select(e => e.Envelope.Id).ToList();

    private async Task AddCommittedAsync(params (string Stream, CloudEvent Envelope)[] events)
    {
        await using var connection = await _db.Database.OpenAsync(Token);
        await using var transaction = await connection.BeginTransactionAsync(Token);
        foreach (var (stream, envelope) in events) await OutboxTable.AddAsync(connection, transaction, stream, envelope, Token);
        await transaction.CommitAsync(Token);
    }
}
