namespace Bazaar.Catalog.Products;

/// <summary>The orders the listing can be walked in. Each is a total order (ties broken by id), so
/// keyset pagination neither repeats nor skips a product.</summary>
internal enum ProductSort
{
    Name,
    Relevance,
    PriceAsc,
    PriceDesc,
    Newest,
}

internal static class ProductSorts
{
    public static string ToQueryValue(this ProductSort sort) => sort switch
    {
        ProductSort.Name => "name",
        ProductSort.Relevance => "relevance",
        ProductSort.PriceAsc => "price_asc",
        ProductSort.PriceDesc => "price_desc",
        ProductSort.Newest => "newest",
        _ => throw new ArgumentOutOfRangeException(nameof(sort)),
    };

    public static bool TryParse(string? text, out ProductSort sort)
    {
        foreach (var candidate in Enum.GetValues<ProductSort>())
        {
            if (string.Equals(candidate.ToQueryValue(), text, StringComparison.Ordinal))
            {
                sort = candidate;
                return true;
            }
        }
        sort = default;
        return false;
    }
}
