namespace Bazaar.Recommendations.Catalog;

// The parts of the product-service's contract this service reads; other fields are ignored.

public sealed record QuoteRequest(IReadOnlyList<string> Skus);

public sealed record QuoteResponse(IReadOnlyList<QuotedProduct> Items);

public sealed record QuotedProduct(string Sku, string Name, Guid CategoryId, int Available, bool Active);
