namespace Bazaar.Host.Releases;

/// <summary>A rollout as <c>GET /rollouts</c> shows it.</summary>
/// <param name="Weight">The share of traffic (percent) the new revision gets now (canary).</param>
internal sealed record RolloutView(
    string Deployment,
    string Service,
    string Strategy,
    string Phase,
    int FromRevision,
    string FromVersion,
    int ToRevision,
    string ToVersion,
    int Weight,
    string Message,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<AnalysisRecord> Analyses);
