using Xunit;

namespace Bazaar.Host.Tests.Support;

/// <summary>Tests that start real processes run one at a time: two cores are shared by every
/// replica they start.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessesCollection
{
    public const string Name = "real processes";
}
