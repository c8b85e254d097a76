namespace Bazaar.Catalog.Products;

/// <summary>A product is prepared as a draft, sold while active and archived when no longer sold.
/// Only active products are listed and sold; the others still answer by id.</summary>
internal static class ProductStatus
{
    public const string Draft = "draft";
    public const string Active = "active";
    public const string Archived = "archived";

    /// <summary>For validation attributes: exactly one of the three.</summary>
    public const string Pattern = "^(draft|active|archived)$";
}
