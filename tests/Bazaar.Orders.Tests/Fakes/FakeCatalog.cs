using System.Collections.Concurrent;
using Bazaar.Orders.Downstream;
using Bazaar.Platform.Money;

namespace Bazaar.Orders.Tests.Fakes;

internal sealed class FakeCatalog : IProductCatalog
{
    private readonly ConcurrentDictionary<string, ProductQuote> _products = new();

    public void Add(string sku, decimal price, bool active = true) =>
        _products[sku] = new ProductQuote(sku, Guid.NewGuid(), "Product " + sku, Guid.NewGuid(), new Money(price, "USD"), 0, active);

    public Task<IReadOnlyList<ProductQuote>> QuoteAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ProductQuote>>(skus.Where(_products.ContainsKey).Select(sku => _products[sku]).ToList());
}
