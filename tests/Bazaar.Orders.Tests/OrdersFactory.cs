using Bazaar.Messaging.Envelope;
using Bazaar.Orders.Downstream;
using Bazaar.Platform.Data;
using Dapper;
using Xunit;
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

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ICartClient>(Carts));
        services.Replace(ServiceDescriptor.Singleton<IProductCatalog>(Catalog));
        services.Replace(ServiceDescriptor.Singleton<IInventory>(Inventory));
        services.Replace(ServiceDescriptor.Singleton<IPaymentGateway>(Payments));
    }

    /// <summary>The events order-service wrote to its outbox about <paramref name="orderId"/>, oldest first.</summary>
    internal async Task<IReadOnlyList<CloudEvent>> EventsAsync(Guid orderId)
    {
        await using var connection = await Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken);
        var envelopes = await connection.QueryAsync<string>("SELECT envelope FROM outbox WHERE subject = @subject ORDER BY seq", new { subject = orderId.ToString() });
        return envelopes.Select(CloudEvent.Parse).ToList();
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
