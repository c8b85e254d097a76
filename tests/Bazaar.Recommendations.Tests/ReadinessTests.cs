using System.Net;
using Bazaar.Recommendations.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary><c>/health/ready</c> waits for the first load of the model, so a starting replica gets
/// no traffic while its answers would be empty.</summary>
public sealed class ReadinessTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_service_is_not_ready_until_the_model_was_loaded_once()
    {
        using var service = new UnloadedModelFactory();
        var client = service.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready", Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Cancellation)).StatusCode);

        service.Source.Open = true;
        await OrderEvents.EventuallyAsync(async () => (await client.GetAsync("/health/ready", Cancellation)).StatusCode == HttpStatusCode.OK,
            "the service never became ready after the model could be read");
    }

    /// <summary>As <see cref="RecommendationsFactory"/> with a model that cannot be read until <see cref="GatedSource.Open"/>.</summary>
    private sealed class UnloadedModelFactory : RecommendationsFactory
    {
        internal GatedSource Source { get; private set; } = null!;

        protected override void ConfigureServices(IServiceCollection services)
        {
            base.ConfigureServices(services);
            services.Replace(ServiceDescriptor.Singleton<IModelSource>(provider => Source = new GatedSource(provider.GetRequiredService<ModelStore>())));
        }
    }

    internal sealed class GatedSource(ModelStore store) : IModelSource
    {
        private volatile bool _open;

        public bool Open { get => _open; set => _open = value; }

        public Task<ModelState> StateAsync(CancellationToken cancellationToken) =>
            Open ? store.StateAsync(cancellationToken) : throw new InvalidOperationException("the database is not reachable yet (simulated)");

        public Task<ModelChanges> ChangesAsync(long salesSince, long viewsSince, CancellationToken cancellationToken) =>
            store.ChangesAsync(salesSince, viewsSince, cancellationToken);

        public Task ForgetViewsAsync(StoredCounts faded, CancellationToken cancellationToken) => store.ForgetViewsAsync(faded, cancellationToken);
    }
}
