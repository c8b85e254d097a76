namespace Bazaar.Bench.Control;

/// <summary><c>bazaar rollout --wait</c>: polls the Host's rollouts every second, printing the
/// rollout's message whenever it changes, until it has Completed or RolledBack.</summary>
internal sealed class RolloutWatcher(HostApiClient client, TimeProvider clock, TextWriter output)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public async Task<RolloutView> WaitAsync(RolloutView started, CancellationToken cancellationToken)
    {
        var rollout = started;
        await Say(rollout);
        while (rollout.Phase == RolloutView.Progressing)
        {
            await Task.Delay(PollInterval, clock, cancellationToken);
            var latest = (await client.RolloutsAsync(cancellationToken))
                .FirstOrDefault(view => view.Deployment == started.Deployment && view.ToRevision == started.ToRevision)
                ?? throw new HostApiException($"the Host no longer shows the rollout of {started.Deployment} to revision {started.ToRevision} (did it restart?).");
            if (latest.Message != rollout.Message)
            {
                await Say(latest);
            }
            rollout = latest;
        }
        await output.WriteLineAsync($"{rollout.Deployment}: {rollout.Phase}");
        return rollout;
    }

    private Task Say(RolloutView rollout) => output.WriteLineAsync("  " + rollout.Message);
}
