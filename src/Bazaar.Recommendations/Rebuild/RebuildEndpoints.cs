using Bazaar.Platform.Problems;
using Bazaar.Recommendations.Purchases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Recommendations.Rebuild;

/// <summary>What a rebuild did: the counts are cleared and <see cref="Group"/> reads
/// <see cref="Stream"/> again from the start.</summary>
public sealed record RebuildResult(string Stream, string Group, long Position);

/// <summary>The operator's full rebuild from the event log (a new model version, or counts that
/// drifted), see <see cref="ModelRebuild"/>. The consumer replays every order-paid while the old
/// lists keep serving; the new ones replace them once the replay has caught up.</summary>
internal static class RebuildEndpoints
{
    public static void MapRebuild(this WebApplication app) =>
        app.MapPost("/internal/recommendations/rebuild", RebuildAsync).WithTags("recommendations");

    private static async Task<Results<Accepted<RebuildResult>, ProblemHttpResult>> RebuildAsync(ModelRebuild rebuild, CancellationToken cancellationToken)
    {
        try
        {
            await rebuild.StartAsync(cancellationToken);
        }
        catch (EventLogUnavailableException)
        {
            return Problem.Unavailable("event-log-unavailable", "The event log cannot be read", "Nothing was cleared; the rebuild can be asked for again.");
        }
        return TypedResults.Accepted((string?)null, new RebuildResult(ModelRebuild.Stream, OrderPaidHandler.Group, 0));
    }
}
