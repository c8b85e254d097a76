namespace Bazaar.Recommendations.Catalog;

// The parts of the product-service's contract this service reads; other fields are ignored.

public sealed record QuoteRequest(IReadOnlyList<string> Skus);

public sealed record QuoteResponse(IReadOnlyList<QuotedProduct> Items);

public sealed record QuotedProduct(string Sku, string Name, Guid CategoryId, bool Active);

public sealed record ProductPage(IReadOnlyList<ListedProduct> Items);

public sealed record ListedProduct(string Sku, string Name, Guid CategoryId);
