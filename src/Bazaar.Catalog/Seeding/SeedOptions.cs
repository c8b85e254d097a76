using System.ComponentModel.DataAnnotations;

namespace Bazaar.Catalog.Seeding;

/// <summary>The sample catalog created on first start, bound from <c>Catalog:Seed</c>.</summary>
public sealed class SeedOptions
{
    /// <summary>How many products; 0 seeds nothing.</summary>
    [Range(0, 100_000)]
    public int Products { get; set; } = 1000;

    [Range(1, 1000)]
    public int Categories { get; set; } = 20;

    /// <summary>The same seed always gives the same SKUs, names, prices and stock.</summary>
    public int RandomSeed { get; set; } = 20240601;
}
