using System.Diagnostics.CodeAnalysis;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Catalog.Products;

/// <summary>Checks the listing's query parameters together (ranges and the cursor depend on each
/// other) and names the offending one.</summary>
internal static class ListingRequest
{
    public static bool TryRead(
        string? q, Guid? category, string? brand, decimal? minPrice, decimal? maxPrice, bool? inStock, string? sort, int? limit, string? after,
        [NotNullWhen(true)] out ProductQuery? query, [NotNullWhen(false)] out ValidationProblem? problem)
    {
        query = null;
        problem = null;
        IReadOnlyList<string> terms = [];
        if (!string.IsNullOrWhiteSpace(q))
        {
            terms = SearchText.Terms(q);
            if (terms.Count == 0) return Fail("q", "The search text needs at least one letter or digit.", out problem);
        }
        if (minPrice < 0) return Fail("minPrice", "The lowest price cannot be negative.", out problem);
        if (maxPrice < 0) return Fail("maxPrice", "The highest price cannot be negative.", out problem);
        if (minPrice > maxPrice) return Fail("minPrice", "The lowest price cannot be above the highest.", out problem);

        var order = terms.Count > 0 ? ProductSort.Relevance : ProductSort.Name;
        if (sort is not null && !ProductSorts.TryParse(sort, out order))
        {
            return Fail("sort", "Sort by one of: relevance, price_asc, price_desc, newest, name.", out problem);
        }
        if (order == ProductSort.Relevance && terms.Count == 0) return Fail("sort", "Sorting by relevance needs search text (q).", out problem);

        ProductCursor? cursor = null;
        if (after is not null && !ProductCursor.TryDecode(after, out cursor))
        {
            return Fail("after", "The cursor is not one this service gave out; pass the 'next' value of the previous page.", out problem);
        }
        if (cursor is not null && cursor.Sort != order)
        {
            return Fail("after", "The cursor belongs to another sort order; start again from the first page.", out problem);
        }
        var trimmedBrand = string.IsNullOrWhiteSpace(brand) ? null : brand.Trim();
        query = new ProductQuery(terms, category, trimmedBrand, minPrice, maxPrice, inStock == true, order, limit ?? ProductEndpoints.DefaultPageSize, cursor);
        return true;
    }

    private static bool Fail(string field, string message, out ValidationProblem problem)
    {
        problem = Problem.Invalid(field, message);
        return false;
    }
}
