using System.Net;
using System.Net.Http.Json;
using Bazaar.Recommendations.Views;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary>As <see cref="RecommendationsFactory"/> without the background view writer: views stay
/// queued until a test writes them (<see cref="ViewSteps.WriteViewsAsync"/>), so what a test asserts does
/// not race the writer. The queue holds <see cref="Capacity"/> views.</summary>
public class ViewsFactory : RecommendationsFactory
{
    protected virtual int Capacity => 10_000;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [.. base.Settings(), new("Recommendations:ViewQueueCapacity", Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        var writer = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ViewWriter));
        services.Remove(writer);
    }
}

/// <summary>As <see cref="ViewsFactory"/> with room for two queued views.</summary>
public sealed class TinyQueueFactory : ViewsFactory
{
    protected override int Capacity => 2;
}

internal static class ViewSteps
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Reports a view of <paramref name="sku"/> and checks it was accepted (202).</summary>
    public static async Task ViewAsync(this HttpClient client, string sku, string? sessionId = null)
    {
        using var response = await client.PostAsJsonAsync("/api/recommendations/views", new { sku, sessionId }, Cancellation);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>Writes every queued view, as the background writer would, then refreshes the in-memory lists.</summary>
    public static async Task WriteViewsAsync(this RecommendationsFactory service)
    {
        var recorder = service.Services.GetRequiredService<ViewRecorder>();
        while (await recorder.WriteQueuedAsync(Cancellation) > 0) { }
        await service.RefreshModelAsync();
    }

    public static ViewQueue Queue(this RecommendationsFactory service) => service.Services.GetRequiredService<ViewQueue>();
}
