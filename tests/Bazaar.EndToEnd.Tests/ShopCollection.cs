using Xunit;

namespace Bazaar.EndToEnd.Tests;

/// <summary>One running shop for every end-to-end test class: starting seven processes per class
/// would only cost time, and the tests sign up fresh shoppers so they do not see each other.</summary>
[CollectionDefinition(Name)]
public sealed class ShopCollection : ICollectionFixture<RunningShop>
{
    public const string Name = "running shop";
}

/// <summary>The governance tests' own shop, run after the others rather than beside them: two
/// shops of seven processes each on two cores would make every restart and every timing slower
/// than either shop is on its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GovernedShopCollection : ICollectionFixture<GovernedShop>
{
    public const string Name = "governed shop";
}

/// <summary>The autoscaling tests' shop: its replica counts follow the CPU the tests burn, so it
/// runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScalingShopCollection : ICollectionFixture<ScalingShop>
{
    public const string Name = "scaling shop";
}

/// <summary>The release tests' shop: its versions change under the tests' feet, so it runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReleaseShopCollection : ICollectionFixture<ReleaseShop>
{
    public const string Name = "release shop";
}
