using Bazaar.Host.Configuration;

namespace Bazaar.Host.Supervision;

/// <summary>The delay before each restart of one replica (kubelet's CrashLoopBackOff): the initial
/// delay doubling up to the maximum, starting over once the replica had been ready long enough.</summary>
internal sealed class RestartBackOff(BackOffOptions options)
{
    private int _consecutive;

    /// <summary>The delay before the next restart, given how long the replica had been ready
    /// (continuously) before it ended.</summary>
    public TimeSpan Next(TimeSpan readyFor)
    {
        if (readyFor >= options.ResetAfter)
        {
            _consecutive = 0;
        }
        var delay = options.Initial * Math.Pow(2, Math.Min(_consecutive, 30));
        _consecutive++;
        return delay < options.Max ? delay : options.Max;
    }
}
