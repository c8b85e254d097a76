using System.ComponentModel.DataAnnotations;

namespace Bazaar.Catalog.Products;

/// <summary>A new product with its first price (valid from now) and no stock.</summary>
public sealed record CreateProductRequest(
    [Required, RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")] string Sku,
    [Required, StringLength(200, MinimumLength = 1)] string Name,
    [StringLength(4000)] string? Description,
    [Required, StringLength(100, MinimumLength = 1)] string Brand,
    [Required] Guid? CategoryId,
    [MaxLength(ProductEdit.MaxAttributes)] Dictionary<string, string>? Attributes,
    [MaxLength(ProductEdit.MaxImages)] List<string>? ImageUrls,
    [RegularExpression(ProductStatus.Pattern)] string? Status,
    decimal ListPrice,
    decimal? SalePrice);

/// <summary>Replaces everything about a product but its SKU, price and stock (those have endpoints of their own).</summary>
public sealed record UpdateProductRequest(
    [Required, StringLength(200, MinimumLength = 1)] string Name,
    [StringLength(4000)] string? Description,
    [Required, StringLength(100, MinimumLength = 1)] string Brand,
    [Required] Guid? CategoryId,
    [MaxLength(ProductEdit.MaxAttributes)] Dictionary<string, string>? Attributes,
    [MaxLength(ProductEdit.MaxImages)] List<string>? ImageUrls,
    [Required, RegularExpression(ProductStatus.Pattern)] string Status);
