using Bazaar.Orders.Downstream;
using Bazaar.Orders.Tests.Fakes;
using Bazaar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bazaar.Orders.Tests;

/// <summary>The order-service with every downstream service replaced by an in-memory fake.</summary>
public class OrdersFactory : ServiceFactory<Program>
{
    internal FakeCarts Carts { get; } = new();
    internal FakeCatalog Catalog { get; } = new();
    internal FakeInventory Inventory { get; } = new();
    internal FakePayments Payments { get; } = new();
    internal FakeRecommendations Recommendations { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ICartClient>(Carts));
        services.Replace(ServiceDescriptor.Singleton<IProductCatalog>(Catalog));
        services.Replace(ServiceDescriptor.Singleton<IInventory>(Inventory));
        services.Replace(ServiceDescriptor.Singleton<IPaymentGateway>(Payments));
        services.Replace(ServiceDescriptor.Singleton<IRecommendationFeed>(Recommendations));
    }

    /// <summary>A product of its own for one test: sold at <paramref name="price"/>, with stock.</summary>
    internal string NewProduct(decimal price, int onHand = 10, bool active = true)
    {
        var sku = "SKU-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        Catalog.Add(sku, price, active);
        Inventory.Stock(sku, onHand);
        return sku;
    }
}
