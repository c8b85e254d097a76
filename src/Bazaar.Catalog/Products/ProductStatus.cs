namespace Bazaar.Catalog.Products;

/// <summary>Only active products are listed and sold; discontinued ones still answer by id.</summary>
internal static class ProductStatus
{
    public const string Active = "Active";
    public const string Discontinued = "Discontinued";
}
