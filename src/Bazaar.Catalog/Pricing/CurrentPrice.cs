namespace Bazaar.Catalog.Pricing;

/// <summary>The one definition of "the current price", shared by every query that shows or charges
/// a price: at time <c>@Now</c>, the newest price row (highest seq) of the product's SKU whose
/// window [valid_from, valid_to) contains <c>@Now</c>; its sale price when it has one, else its
/// list price. A product with no such row has no price and is not sold.</summary>
/// <remarks>Times are stored as fixed-width UTC ISO 8601 text, so comparing the text compares
/// the instants. Amounts are text too; sorting and range filters compare them as numbers.</remarks>
internal static class CurrentPrice
{
    /// <summary>Joins the current price row as <c>cp</c> to a query over <c>products p</c>.</summary>
    public const string Join = """
         LEFT JOIN prices cp ON cp.seq = (
            SELECT pr.seq FROM prices pr
            WHERE pr.sku = p.sku AND pr.valid_from <= @Now AND (pr.valid_to IS NULL OR pr.valid_to > @Now)
            ORDER BY pr.seq DESC LIMIT 1)
        """;

    /// <summary>The price charged: the sale price when the row has one, else the list price.</summary>
    public const string Amount = "COALESCE(cp.sale_price, cp.list_price)";

    /// <summary>The price charged and the list price, named for <c>ProductRow</c>.</summary>
    public const string Columns = Amount + " AS PriceAmount, cp.list_price AS ListPrice";
}
