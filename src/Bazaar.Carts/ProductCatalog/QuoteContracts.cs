using Bazaar.Platform.Money;

namespace Bazaar.Carts.ProductCatalog;

/// <summary>The body of product-service's <c>POST /internal/products/quote</c>.</summary>
public sealed record QuoteRequest(IReadOnlyList<string> Skus);

public sealed record QuoteResponse(IReadOnlyList<QuoteItem> Items);

public sealed record QuoteItem(string Sku, Guid ProductId, string Name, Guid CategoryId, Money UnitPrice, int Available, bool Active);
