using Bazaar.Messaging.Envelope;
using Bazaar.Recommendations.Catalog;
using Bazaar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bazaar.Recommendations.Tests;

/// <summary>The recommendation-service on an empty database, with the product-service faked, its
/// <c>orders</c> consumer polling often and giving up on a failing event after a few quick attempts,
/// and a short wait for product-service.</summary>
public class RecommendationsFactory : ServiceFactory<Program>
{
    internal FakeCatalog Catalog { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Messaging:Consumers:recommendation-service:PollInterval", "00:00:00.020"),
        new("Messaging:Consumers:recommendation-service:RetryInitial", "00:00:00.010"),
        new("Messaging:Consumers:recommendation-service:MaxAttempts", "3"),
        new("Recommendations:CatalogTimeout", "00:00:00.200"),
    ];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IProductCatalog>(Catalog));

    /// <summary>Products of their own for one test, named <c>{prefix}-A</c>, <c>{prefix}-B</c> ...</summary>
    internal Func<string, string> NewProducts(Guid categoryId, params string[] letters)
    {
        var prefix = "SKU-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var letter in letters) Catalog.Add($"{prefix}-{letter}", categoryId);
        return letter => $"{prefix}-{letter}";
    }

    /// <summary>An order of <paramref name="skus"/> is paid: publishes its event and waits until it was handled.</summary>
    internal async Task<CloudEvent> RecordAsync(params string[] skus)
    {
        var paid = OrderEvents.Paid(skus);
        await this.PublishAndWaitAsync(paid);
        return paid;
    }
}

/// <summary>As <see cref="RecommendationsFactory"/>, with three neighbours needed for an item-to-item answer.</summary>
public sealed class ThreeNeighboursFactory : RecommendationsFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [.. base.Settings(), new("Recommendations:MinNeighbours", "3")];
}
