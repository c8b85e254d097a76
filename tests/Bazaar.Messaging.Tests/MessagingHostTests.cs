using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Messaging.DeadLetters;
using Bazaar.Messaging.Envelope;
using Bazaar.Messaging.Inbox;
using Bazaar.Platform.Data;
using Bazaar.Testing;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OutboxTable = Bazaar.Messaging.Outbox.Outbox;

namespace Bazaar.Messaging.Tests;

/// <summary>A service wired the way a real one is (database with the messaging migrations, the
/// embedded transport, relay, a consumer, the dead-letter endpoints): an event written to the
/// outbox reaches the handler, a poison event reaches the dead letters, and the endpoints list,
/// show and replay it.</summary>
public sealed class MessagingHostTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bazaar-messaging-host-").FullName;
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bazaar:DataDir"] = _directory,
            ["Bazaar:Service"] = "test-service",
            ["Bazaar:Replica"] = "replica-1",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.020",
            ["Messaging:Consumers:test-service:PollInterval"] = "00:00:00.020",
            ["Messaging:Consumers:test-service:RetryInitial"] = "00:00:00",
            ["Messaging:Consumers:test-service:MaxAttempts"] = "2",
        });
        builder.AddBazaarDatabase(MessagingAssembly.Migrations);
        builder.AddBazaarMessaging();
        builder.AddEventConsumer<PoisonAwareHandler>("orders", "test-service");
        _app = builder.Build();
        _app.MapDeadLetters();
        await _app.StartAsync(Token);
        _client = _app.GetTestClient();
    }

    [Fact]
    public async Task Events_flow_from_outbox_to_handler_and_poison_to_the_dead_letters()
    {
        var handler = _app.Services.GetRequiredService<PoisonAwareHandler>();
        var good = Events.Placed("order-1");
        var poison = Events.Placed("poison");
        await AddToOutboxAsync(good, poison);

        await Eventually(async () => handler.Handled.Contains(good.Id) && await CountDeadLettersAsync() == 1);

        var list = await _client.GetFromJsonAsync<JsonElement>("/internal/messaging/dead-letters", Token);
        var letter = Assert.Single(list.EnumerateArray().ToList());
        Assert.Equal(poison.Id, letter.GetProperty("eventId").GetString());
        Assert.Equal(2, letter.GetProperty("attempts").GetInt32());
        var id = letter.GetProperty("id").GetInt64();

        var detail = await _client.GetFromJsonAsync<JsonElement>($"/internal/messaging/dead-letters/{id}", Token);
        Assert.Equal(poison.Id, CloudEvent.Parse(detail.GetProperty("envelope").GetString()!).Id);
        Assert.Contains("poisoned", detail.GetProperty("error").GetString(), StringComparison.Ordinal);

        var stillFailing = await _client.PostAsync($"/internal/messaging/dead-letters/{id}/replay", null, Token);
        await stillFailing.AssertProblemAsync(HttpStatusCode.Conflict, "replay-failed");

        handler.Cured = true;
        var replayed = await _client.PostAsync($"/internal/messaging/dead-letters/{id}/replay", null, Token);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal("handled", (await replayed.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("outcome").GetString());
        Assert.Contains(poison.Id, handler.Handled);
        Assert.Equal(0, await CountDeadLettersAsync());
    }

    [Fact]
    public async Task Dead_letter_endpoints_refuse_unknown_ids_and_bad_limits()
    {
        await (await _client.GetAsync("/internal/messaging/dead-letters/999", Token)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await _client.PostAsync("/internal/messaging/dead-letters/999/replay", null, Token)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await _client.GetAsync("/internal/messaging/dead-letters?limit=0", Token)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        var empty = await _client.GetFromJsonAsync<JsonElement>("/internal/messaging/dead-letters?group=test-service&limit=5", Token);
        Assert.Equal(0, empty.GetArrayLength());
    }

    [Fact]
    public async Task Rewinding_the_group_redelivers_every_event_and_the_inbox_changes_nothing()
    {
        var handler = _app.Services.GetRequiredService<PoisonAwareHandler>();
        var good = Events.Placed("order-1");
        await AddToOutboxAsync(good);
        await Eventually(() => Task.FromResult(handler.Handled.Contains(good.Id)));
        // The offset is committed just after the handler returns.
        await Eventually(async () => await CommittedAsync() > 0);
        var position = await CommittedAsync();

        var response = await _client.PostAsync("/internal/messaging/streams/orders/groups/test-service/rewind", null, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(("orders", "test-service", 0L), (body.GetProperty("stream").GetString(), body.GetProperty("group").GetString(), body.GetProperty("position").GetInt64()));
        await Eventually(async () => await CommittedAsync() == position);
        Assert.Single(handler.Handled, id => id == good.Id);
    }

    [Fact]
    public async Task Rewind_refuses_a_negative_position_and_a_group_this_service_does_not_consume()
    {
        await (await _client.PostAsync("/internal/messaging/streams/orders/groups/test-service/rewind?position=-1", null, Token)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await _client.PostAsync("/internal/messaging/streams/orders/groups/other-service/rewind", null, Token)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await _client.PostAsync("/internal/messaging/streams/payments/groups/test-service/rewind?position=0", null, Token)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        var accepted = await _client.PostAsync("/internal/messaging/streams/orders/groups/test-service/rewind?position=5", null, Token);
        Assert.Equal(5, (await accepted.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("position").GetInt64());
    }

    [Fact]
    public async Task Parked_outbox_endpoints_list_nothing_at_first_and_refuse_unknown_rows_and_bad_limits()
    {
        var empty = await _client.GetFromJsonAsync<JsonElement>("/internal/messaging/outbox/parked?limit=5", Token);
        Assert.Equal(0, empty.GetArrayLength());
        await (await _client.GetAsync("/internal/messaging/outbox/parked?limit=1001", Token)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await _client.PostAsync("/internal/messaging/outbox/parked/999/retry", null, Token)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await _client.PostAsync("/internal/messaging/outbox/parked/999/discard", null, Token)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_parked_outbox_row_is_listed_and_re_armed_over_http()
    {
        var envelope = Events.Placed("order-1");
        await AddToOutboxAsync(envelope);
        await Eventually(async () => await CountAsync("SELECT COUNT(*) FROM outbox WHERE published_at IS NOT NULL") == 1);
        // Park it by hand, as the relay does after its attempts, and let a retry put it back.
        await using (var connection = await _app.Services.GetRequiredService<Database>().OpenAsync(Token))
        {
            await connection.ExecuteAsync("UPDATE outbox SET published_at = NULL, parked_at = 1, attempts = 20, last_error = 'down' WHERE id = @Id", new { envelope.Id });
        }

        var parked = Assert.Single((await _client.GetFromJsonAsync<JsonElement>("/internal/messaging/outbox/parked", Token)).EnumerateArray().ToList());
        Assert.Equal((envelope.Id, 20), (parked.GetProperty("eventId").GetString(), parked.GetProperty("attempts").GetInt32()));
        var retried = await _client.PostAsync($"/internal/messaging/outbox/parked/{parked.GetProperty("seq").GetInt64()}/retry", null, Token);

        Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
        await Eventually(async () => await CountAsync("SELECT COUNT(*) FROM outbox WHERE published_at IS NOT NULL") == 1);
        Assert.Equal(0, (await _client.GetFromJsonAsync<JsonElement>("/internal/messaging/outbox/parked", Token)).GetArrayLength());
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a lingering handle only leaves a temp folder behind */ }
    }

    private async Task AddToOutboxAsync(params CloudEvent[] envelopes)
    {
        var database = _app.Services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync(Token);
        await using var transaction = await connection.BeginTransactionAsync(Token);
        foreach (var envelope in envelopes) await OutboxTable.AddAsync(connection, transaction, "orders", envelope, Token);
        await transaction.CommitAsync(Token);
    }

    private Task<long> CountDeadLettersAsync() => CountAsync("SELECT COUNT(*) FROM dead_letters");

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _app.Services.GetRequiredService<Database>().OpenAsync(Token);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>The group's highest committed position in the shared log.</summary>
    private async Task<long> CommittedAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "events.db")}");
        await connection.OpenAsync(Token);
        return await connection.ExecuteScalarAsync<long?>("SELECT MAX(position) FROM offsets WHERE consumer_group = 'test-service'") ?? 0;
    }

    /// <summary>Waits for background work without asserting how long it takes (the limit only
    /// stops a broken build from hanging).</summary>
    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await condition()) return;
            await Task.Delay(50, Token);
        }

        Assert.Fail("The condition never became true.");
    }

    /// <summary>Fails events whose subject is <c>poison</c> until cured.</summary>
    public sealed class PoisonAwareHandler : IEventHandler
    {
        public ConcurrentBag<string> Handled { get; } = [];

        public volatile bool Cured;

        public Task HandleAsync(CloudEvent envelope, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
        {
            if (envelope.Subject == "poison" && !Cured) throw new InvalidOperationException("poisoned");
            Handled.Add(envelope.Id);
            return Task.CompletedTask;
        }
    }
}
