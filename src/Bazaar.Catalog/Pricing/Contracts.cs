using Bazaar.Platform.Money;

namespace Bazaar.Catalog.Pricing;

/// <param name="ValidFrom">When the price starts to apply; now when absent.</param>
/// <param name="ValidTo">When it stops (exclusive); open-ended when absent.</param>
public sealed record SetPriceRequest(decimal ListPrice, decimal? SalePrice, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo);

/// <summary>One row of a product's price history, as written.</summary>
public sealed record PriceEntry(
    Money ListPrice, Money? SalePrice, DateTimeOffset ValidFrom, DateTimeOffset? ValidTo, DateTimeOffset CreatedAt, string CreatedBy);

public sealed record PriceHistory(string Sku, Money CurrentPrice, IReadOnlyList<PriceEntry> Entries);
