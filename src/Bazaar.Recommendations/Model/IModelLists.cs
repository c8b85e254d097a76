namespace Bazaar.Recommendations.Model;

/// <summary>The lists requests answer from, whichever way they are kept: built in this process
/// from the counts (<see cref="ModelCache"/>, the embedded default), or a mirror of the lists one
/// replica publishes to Redis (<see cref="Shared.ListMirror"/>). Reading them never waits.</summary>
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
