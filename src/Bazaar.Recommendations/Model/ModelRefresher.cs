using Bazaar.Recommendations.Rebuild;
using Microsoft.Extensions.Options;

namespace Bazaar.Recommendations.Model;

/// <summary>Keeps <see cref="ModelCache"/> current, off the request path: a paid order shows in the
/// neighbour lists within <see cref="RecommendationOptions.RefreshInterval"/> of being handled.
/// Each tick first completes a rebuild whose rewind did not happen (<see cref="ModelRebuild.ResumeAsync"/>).</summary>
internal sealed class ModelRefresher(ModelCache cache, ModelRebuild rebuild, IOptions<RecommendationOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        try
        {
            do
            {
                await rebuild.ResumeAsync(stoppingToken);
                await cache.RefreshAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
