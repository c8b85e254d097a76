using System.Globalization;

namespace Bazaar.Bench.Running;

/// <summary>A bench command's options, parsed.</summary>
internal sealed record BenchSettings(
    string Scenario, Uri Target, double Rate, TimeSpan Duration, TimeSpan Warmup, int Connections, int MaxInFlight, TimeSpan Timeout,
    bool FindMax, double P99BoundMilliseconds, int Users, int Products, string? Out, bool NoCache = false)
{
    public RunPlan Plan => new(Rate, Duration, Warmup, MaxInFlight);

    public string Describe()
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"rate {Rate}/s, duration {Duration.TotalSeconds} s, warm-up {Warmup.TotalSeconds} s, connections {Connections}, max in flight {MaxInFlight}, timeout {Timeout.TotalSeconds} s");
        if (NoCache) text += ", no-cache (past the gateway's cache)";
        return FindMax ? text + string.Create(CultureInfo.InvariantCulture, $", find-max with p99 bound {P99BoundMilliseconds} ms") : text;
    }

    public string OutputFolder(DateTimeOffset startedAt) =>
        Out ?? Path.Combine("bench-results", $"{Scenario}-{startedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
}
