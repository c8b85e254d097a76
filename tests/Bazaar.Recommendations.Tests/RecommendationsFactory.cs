using System.Net.Http.Json;
using Bazaar.Recommendations.Catalog;
using Bazaar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bazaar.Recommendations.Tests;

/// <summary>The recommendation-service on an empty database, with the product-service faked.</summary>
public sealed class RecommendationsFactory : ServiceFactory<Program>
{
    internal FakeCatalog Catalog { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IProductCatalog>(Catalog));

    /// <summary>Products of their own for one test, named <c>{prefix}-A</c>, <c>{prefix}-B</c> ...</summary>
    internal Func<string, string> NewProducts(Guid categoryId, params string[] letters)
    {
        var prefix = "SKU-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var letter in letters) Catalog.Add($"{prefix}-{letter}", categoryId);
        return letter => $"{prefix}-{letter}";
    }

    internal async Task<HttpResponseMessage> RecordAsync(Guid orderId, params string[] skus) =>
        await CreateClient().PostAsJsonAsync("/internal/recommendations/purchases", new { orderId, skus }, Xunit.TestContext.Current.CancellationToken);
}
