using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Messaging.Transport;
using Bazaar.Platform.Data;
using Bazaar.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary><c>POST /internal/recommendations/rebuild</c>: the model is rebuilt from the event log,
/// every order counted once again.</summary>
public sealed class RebuildTests
{
    private static readonly Guid Kitchen = Guid.NewGuid();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static async Task<long> CountAsync(RecommendationsFactory service, string sql)
    {
        await using var connection = await service.Services.GetRequiredService<Database>().OpenAsync(Cancellation);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: Cancellation));
    }

    [Fact]
    public async Task A_rebuild_replays_the_stream_and_ends_with_the_same_model()
    {
        using var service = new RecommendationsFactory();
        var sku = service.NewProducts(Kitchen, "A", "B", "C", "PAGE");
        await service.RecordAsync(sku("A"), sku("B"));
        await service.RecordAsync(sku("A"), sku("B"));
        await service.RecordAsync(sku("A"), sku("C"));
        var client = service.CreateClient();
        var neighboursBefore = (await client.RecommendAsync(sku("A"))).Rounded;

        var response = await client.PostAsync("/internal/recommendations/rebuild", null, Cancellation);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.Equal(("orders", "recommendation-service", 0L),
            (body.GetProperty("stream").GetString(), body.GetProperty("group").GetString(), body.GetProperty("position").GetInt64()));
        await OrderEvents.EventuallyAsync(
            async () => await CountAsync(service, "SELECT COUNT(*) FROM inbox WHERE consumer_group = 'recommendation-service'") == 3,
            "the stream was never replayed");
        await service.RefreshModelAsync();
        Assert.Equal(neighboursBefore, (await client.RecommendAsync(sku("A"))).Rounded);
        // Popularity shows each order counted once: A 3, B 2, C 1.
        var popular = await client.RecommendAsync(sku("PAGE"));
        Assert.Equal([3.0, 2.0, 1.0], popular.Items.Select(i => Math.Round(i.Score, 3)));
    }

    private static async Task<(long Generation, bool RewindPending)> StateAsync(RecommendationsFactory service)
    {
        await using var connection = await service.Services.GetRequiredService<Database>().OpenAsync(Cancellation);
        var row = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            "SELECT generation, rewind_pending FROM model_state", cancellationToken: Cancellation));
        return (row.Item1, row.Item2 == 1);
    }

    [Fact]
    public async Task During_a_rebuild_the_old_lists_serve_until_the_replay_has_caught_up()
    {
        using var service = new HeldRebuildFactory();
        var sku = service.NewProducts(Kitchen, "A", "B", "C");
        await service.RecordAsync(sku("A"), sku("B"));
        await service.RecordAsync(sku("A"), sku("B"));
        var client = service.CreateClient();
        var before = await client.RecommendAsync(sku("A"));
        Assert.Equal("item-to-item", before.Strategy);
        Assert.Equal([sku("B")], before.Skus);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/internal/recommendations/rebuild", null, Cancellation)).StatusCode);
        await service.RefreshModelAsync(); // the counts are cleared: the new generation is empty
        Assert.Equal(before.Rounded, (await client.RecommendAsync(sku("A"))).Rounded);

        // An order paid during the rebuild counts in the new generation only.
        await service.PublishAsync(OrderEvents.Paid(sku("A"), sku("C")), OrderEvents.Paid(sku("A"), sku("C")), OrderEvents.Paid(sku("A"), sku("C")));
        await OrderEvents.EventuallyAsync(
            async () => await CountAsync(service, "SELECT COUNT(*) FROM inbox WHERE consumer_group = 'recommendation-service'") == 5,
            "the stream was never replayed");
        await service.RefreshModelAsync();
        Assert.Equal(before.Rounded, (await client.RecommendAsync(sku("A"))).Rounded);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Cancellation)).StatusCode); // still serving

        service.Transport.Held = false; // the group reached the head of the rebuild's start
        await OrderEvents.EventuallyAsync(async () =>
        {
            await service.RefreshModelAsync();
            return (await client.RecommendAsync(sku("A"))).Skus.SequenceEqual([sku("C"), sku("B")]);
        }, "the rebuilt lists never replaced the old ones");
    }

    [Fact]
    public async Task The_event_log_tells_the_head_and_when_the_group_reached_it()
    {
        using var service = new RecommendationsFactory();
        var sku = service.NewProducts(Kitchen, "A", "B");
        await service.RecordAsync(sku("A"), sku("B"));
        await service.RecordAsync(sku("A"), sku("B"));
        var transport = service.Services.GetRequiredService<IEventTransport>();
        var head = await transport.HeadAsync("orders", Cancellation);
        Assert.True(head >= 2);
        await OrderEvents.EventuallyAsync(() => transport.HasReachedAsync("orders", OrderEvents.Group, head, Cancellation), "the group never reached the head");
        Assert.False(await transport.HasReachedAsync("orders", "another-group", head, Cancellation));
        Assert.Equal(0, await transport.HeadAsync("no-such-stream", Cancellation));

        await transport.RewindAsync("orders", OrderEvents.Group, 0, Cancellation);
        Assert.True(await transport.HasReachedAsync("orders", OrderEvents.Group, 0, Cancellation));
        // The replay skips both events (inbox) and commits again.
        await OrderEvents.EventuallyAsync(() => transport.HasReachedAsync("orders", OrderEvents.Group, head, Cancellation), "the replay never reached the head");
    }

    [Fact]
    public async Task A_failed_rewind_after_the_clear_is_done_again_by_the_refresher()
    {
        using var folder = new SharedDataFolder();
        using var service = new RestartableFactory(folder.Path, failingRewinds: 1);
        var sku = service.NewProducts(Kitchen, "A", "B", "PAGE");
        await service.RecordAsync(sku("A"), sku("B"));
        var client = service.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/internal/recommendations/rebuild", null, Cancellation)).StatusCode);

        await OrderEvents.EventuallyAsync(async () => !(await StateAsync(service)).RewindPending, "the rewind was never done again");
        Assert.Equal(2, service.Transport!.Rewinds);
        await OrderEvents.EventuallyAsync(async () =>
        {
            await service.RefreshModelAsync();
            return (await client.RecommendAsync(sku("A"))).Skus.SequenceEqual([sku("B")])
                && await CountAsync(service, "SELECT COUNT(*) FROM item_sales") == 2;
        }, "the model was never rebuilt");
    }

    [Fact]
    public async Task A_crash_between_the_clear_and_the_rewind_is_healed_at_restart_and_every_order_counts_once()
    {
        using var folder = new SharedDataFolder();
        string[] skus;
        IReadOnlyList<(string, double)> neighboursBefore;
        using (var crashing = new RestartableFactory(folder.Path, failingRewinds: int.MaxValue))
        {
            var sku = crashing.NewProducts(Kitchen, "A", "B", "C", "PAGE");
            skus = [sku("A"), sku("B"), sku("C"), sku("PAGE")];
            await crashing.RecordAsync(sku("A"), sku("B"));
            await crashing.RecordAsync(sku("A"), sku("B"));
            await crashing.RecordAsync(sku("A"), sku("C"));
            var client = crashing.CreateClient();
            neighboursBefore = (await client.RecommendAsync(sku("A"))).Rounded;

            await client.PostAsync("/internal/recommendations/rebuild", null, Cancellation);

            Assert.Equal((2L, true), await StateAsync(crashing)); // cleared, never rewound
            Assert.Equal(0, await CountAsync(crashing, "SELECT COUNT(*) FROM item_sales"));
        }

        using var restarted = new RestartableFactory(folder.Path);
        foreach (var sku in skus) restarted.Catalog.Add(sku, Kitchen);
        var again = restarted.CreateClient();
        await OrderEvents.EventuallyAsync(async () =>
        {
            await restarted.RefreshModelAsync();
            return (await again.GetAsync("/health/ready", Cancellation)).IsSuccessStatusCode;
        }, "the restarted service never caught up");

        Assert.Equal((2L, false), await StateAsync(restarted));
        Assert.Equal(neighboursBefore, (await again.RecommendAsync(skus[0])).Rounded);
        // Each order counted once: A 3, B 2, C 1.
        Assert.Equal([3.0, 2.0, 1.0], (await again.RecommendAsync(skus[3])).Items.Select(i => Math.Round(i.Score, 3)));
    }

    [Fact]
    public async Task A_rebuild_when_the_event_log_cannot_be_read_is_503_and_clears_nothing()
    {
        using var service = new HeldRebuildFactory();
        var sku = service.NewProducts(Kitchen, "A", "B");
        await service.RecordAsync(sku("A"), sku("B"));
        service.Transport.Broken = true;

        var response = await service.CreateClient().PostAsync("/internal/recommendations/rebuild", null, Cancellation);

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "event-log-unavailable");
        Assert.Equal((1L, false), await StateAsync(service));
        Assert.Equal(2, await CountAsync(service, "SELECT COUNT(*) FROM item_sales"));
    }
}
