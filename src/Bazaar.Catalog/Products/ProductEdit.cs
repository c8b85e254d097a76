namespace Bazaar.Catalog.Products;

/// <summary>The parts of a product an admin writes, checked beyond what attributes can say.</summary>
internal sealed record ProductEdit(
    string Name, string Description, string Brand, Guid CategoryId, Dictionary<string, string> Attributes, List<string> ImageUrls, string Status)
{
    public const int MaxAttributes = 50;
    public const int MaxImages = 10;

    /// <summary>The offending field and why, or null.</summary>
    public (string Field, string Message)? Check()
    {
        if (string.IsNullOrWhiteSpace(Name)) return ("name", "A product needs a name.");
        if (string.IsNullOrWhiteSpace(Brand)) return ("brand", "A product needs a brand.");
        foreach (var (key, value) in Attributes)
        {
            if (key.Length is 0 or > 100 || string.IsNullOrWhiteSpace(key)) return ("attributes", "Attribute names have 1 to 100 characters.");
            if (value is null || value.Length > 500) return ("attributes", $"The attribute '{key}' needs a value of at most 500 characters.");
        }
        foreach (var url in ImageUrls)
        {
            if (url is not { Length: <= 500 } || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            {
                return ("imageUrls", "Image URLs are absolute http(s) URLs of at most 500 characters.");
            }
        }
        return null;
    }

    public static ProductEdit From(CreateProductRequest request) => new(request.Name.Trim(), request.Description ?? "", request.Brand.Trim(),
        request.CategoryId!.Value, request.Attributes ?? [], request.ImageUrls ?? [], request.Status ?? ProductStatus.Draft);

    public static ProductEdit From(UpdateProductRequest request) => new(request.Name.Trim(), request.Description ?? "", request.Brand.Trim(),
        request.CategoryId!.Value, request.Attributes ?? [], request.ImageUrls ?? [], request.Status);
}
