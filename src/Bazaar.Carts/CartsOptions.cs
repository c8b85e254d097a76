using System.ComponentModel.DataAnnotations;

namespace Bazaar.Carts;

/// <summary>Bound from <c>Carts</c>.</summary>
public sealed class CartsOptions
{
    /// <summary>The currency of an empty cart's total (priced carts take the catalog's).</summary>
    [Required, RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "USD";

    /// <summary>Distinct SKUs one cart may hold; at most what one catalog quote accepts.</summary>
    [Range(1, 100)]
    public int MaxLines { get; set; } = 100;
}
