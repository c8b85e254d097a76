using Bazaar.Platform.Money;
namespace Bazaar.Catalog.Pricing;

/// <summary>What makes a price row acceptable. Returns the offending field and why, or null.</summary>
internal static class PriceRules
{
    public const decimal Highest = 1_000_000_000m;

    public static (string Field, string Message)? Check(decimal listPrice, decimal? salePrice, DateTimeOffset validFrom, DateTimeOffset? validTo)
    {
        if (listPrice <= 0) return ("listPrice", "The list price must be above zero.");
        if (listPrice > Highest || !Money.IsInMinorUnits(listPrice)) return ("listPrice", "The list price needs at most two decimals and at most 1,000,000,000.");
        if (salePrice is { } sale)
        {
            if (sale <= 0) return ("salePrice", "A sale price must be above zero.");
            if (!Money.IsInMinorUnits(sale)) return ("salePrice", "A sale price needs at most two decimals.");
            if (sale >= listPrice) return ("salePrice", "A sale price must be below the list price.");
        }
        if (validTo <= validFrom) return ("validTo", "The window must end after it starts.");
        return null;
    }
}
