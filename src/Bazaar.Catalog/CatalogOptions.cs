using System.ComponentModel.DataAnnotations;

namespace Bazaar.Catalog;

/// <summary>Bound from <c>Catalog</c>.</summary>
public sealed class CatalogOptions
{
    /// <summary>The ISO 4217 currency the shop sells in.</summary>
    [Required, RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "USD";
}
