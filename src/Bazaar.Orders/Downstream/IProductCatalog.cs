namespace Bazaar.Orders.Downstream;

/// <summary>Live prices and names from the product-service; the client never names a price.</summary>
internal interface IProductCatalog
{
    /// <summary>Quotes for the SKUs the product-service knows; unknown SKUs are simply absent.</summary>
    Task<IReadOnlyList<ProductQuote>> QuoteAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken);
}
