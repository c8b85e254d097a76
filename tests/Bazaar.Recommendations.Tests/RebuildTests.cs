using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Platform.Data;
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
}
