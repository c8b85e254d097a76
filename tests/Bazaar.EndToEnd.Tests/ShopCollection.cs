using Xunit;

namespace Bazaar.EndToEnd.Tests;

/// <summary>One running shop for every end-to-end test class: starting seven processes per class
/// would only cost time, and the tests sign up fresh shoppers so they do not see each other.</summary>
[CollectionDefinition(Name)]
public sealed class ShopCollection : ICollectionFixture<RunningShop>
{
    public const string Name = "running shop";
}
