using System.Diagnostics;
using System.Text.Json;

namespace Bazaar.EndToEnd.Tests;

/// <summary>SIGKILLs a random ready replica of the given services every <c>interval</c> until
/// stopped, as crashes or OOM kills would; the Host restarts them.</summary>
internal sealed class Killer(RunningShop shop, IReadOnlyList<string> services, TimeSpan interval, int seed)
{
    private readonly Random _random = new(seed);

    public List<string> Kills { get; } = [];

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, stop);
                var ready = shop.Replicas().Where(r => services.Contains(r.GetProperty("service").GetString()) && r.GetProperty("state").GetString() == "Ready").ToList();
                if (ready.Count == 0) continue;
                var victim = ready[_random.Next(ready.Count)];
                try
                {
                    Process.GetProcessById(victim.GetProperty("pid").GetInt32()).Kill();
                    Kills.Add(victim.GetProperty("service").GetString()!);
                }
                catch (ArgumentException)
                {
                    // It died by itself meanwhile.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Every replica of every service ready again.</summary>
    public static bool AllReady(RunningShop shop) =>
        shop.Replicas().All(r => r.GetProperty("state").GetString() == "Ready");
}
