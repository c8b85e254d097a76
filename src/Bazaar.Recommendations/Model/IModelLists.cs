namespace Bazaar.Recommendations.Model;

/// <summary>The lists requests answer from, whichever way they are kept: built in this process
/// from the counts (<see cref="ModelCache"/>, the embedded default), or a mirror of the lists one
/// replica publishes to Redis (<see cref="Shared.ListMirror"/>). Reading them never waits. Each
/// property is one immutable snapshot; a request that reads both kinds reads them one after the
/// other, so a refresh in between can give it the bought lists of one refresh and the viewed lists
/// of the next (harmless: each kind is consistent on its own, and the next request sees both new).</summary>
internal interface IModelLists
{
    /// <summary>The purchase ("bought together") lists and the popularity ranking.</summary>
    NeighbourIndex Current { get; }

    /// <summary>The co-view ("viewed together") lists.</summary>
    NeighbourIndex Views { get; }

    /// <summary>Whether a complete model has been loaded since the process started; until then
    /// the lists are empty and the service is not ready (<see cref="ModelReadyCheck"/>).</summary>
    bool IsLoaded { get; }
}
