namespace Bazaar.Platform.Health;

/// <summary>Set once the process has been asked to stop: readiness turns false so that no new
/// traffic is routed here while in-flight requests finish.</summary>
public sealed class DrainState
{
    private volatile bool _draining;

    public bool IsDraining => _draining;

    internal void BeginDraining() => _draining = true;
}
