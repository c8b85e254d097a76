using System.Globalization;
using System.Text;

namespace Bazaar.Bench.Control;

/// <summary>What <c>bazaar status</c> and the rollout commands print: a table of deployments, a line
/// per autoscaler, and one-line descriptions of rollouts.</summary>
internal static class StatusPrinter
{
    private static readonly string[] Header = ["DEPLOYMENT", "VERSION", "REVISION", "READY", "ROLLOUT"];

    public static string Render(IReadOnlyList<DeploymentView> deployments, IReadOnlyList<AutoscalerView> autoscalers)
    {
        var rows = deployments
            .Select(deployment => new[]
            {
                deployment.Name, deployment.Version, Invariant($"{deployment.Revision}"),
                Invariant($"{deployment.ReadyReplicas}/{deployment.Replicas}"), deployment.Rollout is { } rollout ? State(rollout) : "-",
            })
            .Prepend(Header)
            .ToList();
        // The last column is free text: only the ones before it are padded.
        var widths = Enumerable.Range(0, Header.Length - 1).Select(column => rows.Max(row => row[column].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row[..^1].Select((cell, column) => cell.PadRight(widths[column])).Append(row[^1])));
        }
        if (autoscalers.Count > 0)
        {
            text.AppendLine().AppendLine("AUTOSCALERS");
            foreach (var autoscaler in autoscalers)
            {
                text.AppendLine(Autoscaler(autoscaler));
            }
        }
        return text.ToString();
    }

    /// <summary>"Progressing 20%: v2 gets 20% of the traffic; analysing" (a weight only for a canary).</summary>
    public static string State(RolloutView rollout) =>
        Invariant($"{rollout.Phase}{(rollout.Strategy == "Canary" ? $" {rollout.Weight}%" : "")} to {rollout.ToVersion}: {rollout.Message}");

    public static string Started(RolloutView rollout) =>
        Invariant($"{rollout.Deployment}: rolling revision {rollout.FromRevision} ({rollout.FromVersion}) -> {rollout.ToRevision} ({rollout.ToVersion}) by {rollout.Strategy}");

    public static string Aborting(RolloutView rollout) =>
        Invariant($"{rollout.Deployment}: aborting the rollout of revision {rollout.ToRevision} ({rollout.ToVersion}); revision {rollout.FromRevision} ({rollout.FromVersion}) keeps serving");

    public static string Promoting(RolloutView rollout) =>
        Invariant($"{rollout.Deployment}: promoting revision {rollout.ToRevision} ({rollout.ToVersion}) to all traffic, skipping the analysis left");

    private static string Autoscaler(AutoscalerView autoscaler)
    {
        var target = Invariant($"target {autoscaler.TargetCpuUtilizationPercent}% CPU");
        if (autoscaler.SecondMetric is { } metric)
        {
            target += Invariant($" and {metric} {autoscaler.SecondMetricTarget:0.##}");
        }
        var desired = autoscaler.DesiredReplicas is { } count ? Invariant($"{count}") : "?";
        var last = autoscaler.Decisions is [var newest, ..]
            ? $"{newest.Reason}{(newest.LimitedBy is { } limit ? $" (limited by {limit})" : "")}: {newest.Message}"
            : "no decision yet";
        return Invariant($"{autoscaler.Deployment}  {autoscaler.MinReplicas}-{autoscaler.MaxReplicas} replicas, {target}, {autoscaler.CurrentReplicas} -> {desired}; {last}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
