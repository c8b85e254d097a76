using System.Globalization;
using Bazaar.Host.Configuration;
using Bazaar.Host.Supervision;

namespace Bazaar.Host.Releases;

/// <summary>One deployment moving to a new revision, by rolling update or canary. Whatever ends
/// it before the switch (a breach, a revision that makes no progress, an abort, an unexpected
/// error) leaves the current revision serving everything at full size and the new one gone; only
/// a rollout that finishes makes the new revision current.</summary>
internal sealed class Rollout(
    Deployment deployment,
    ReplicaTemplate template,
    RolloutStrategyOptions strategy,
    TrafficSplits splits,
    CanaryAnalysis analysis,
    TimeSpan propagationDelay,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly List<AnalysisRecord> _analyses = [];
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();
    private RolloutPhase _phase = RolloutPhase.Progressing;
    private string _message = "starting";
    private int _weight;
    private bool _switching;
    private volatile bool _promote;
    private DateTimeOffset? _finishedAt;
    // Only a rollout changes a deployment's current revision, and one runs at a time: it is the
    // revision this one started from until it ends.
    private readonly ReplicaTemplate _from = deployment.Current.Template;

    public Deployment Deployment => deployment;

    public bool IsProgressing
    {
        get
        {
            lock (_lock)
            {
                return _phase == RolloutPhase.Progressing;
            }
        }
    }

    /// <summary>Skips what analysis is left: the new revision takes all traffic now. False once it is too late to matter.</summary>
    public bool Promote() => Signal(() => _promote = true);

    /// <summary>Gives the rollout up: back to the current revision. False once the switch has begun.</summary>
    public bool Abort() => Signal(_abort.Cancel);

    public RolloutView View()
    {
        lock (_lock)
        {
            return new RolloutView(deployment.Name, deployment.Service, strategy.Type.ToString(), _phase.ToString(),
                _from.Revision, _from.Version, template.Revision, template.Version, _weight, _message, _startedAt, _finishedAt, [.. _analyses]);
        }
    }

    public async Task RunAsync(CancellationToken hostStopping)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, _abort.Token);
        ReplicaSet? incoming = null;
        var desired = 0;
        try
        {
            incoming = await deployment.BeginRolloutAsync(template, stopping.Token);
            var current = deployment.Current;
            desired = current.Replicas;
            if (desired == 0)
            {
                throw new RolloutAbortedException($"{deployment.Name} runs no replicas");
            }
            logger.LogInformation("Rolling {Deployment} from revision {From} ({FromVersion}) to {To} ({ToVersion}) by {Strategy}",
                deployment.Name, _from.Revision, _from.Version, template.Revision, template.Version, strategy.Type);
            if (strategy.Type == RolloutStrategyType.Canary)
            {
                await CanaryAsync(current, incoming, desired, stopping.Token);
            }
            else
            {
                await RollingUpdateAsync(current, incoming, desired, stopping.Token);
            }
        }
        catch (OperationCanceledException) when (hostStopping.IsCancellationRequested)
        {
            return; // The Host is stopping every replica anyway.
        }
        catch (Exception exception)
        {
            var reason = exception switch
            {
                RolloutAbortedException => exception.Message,
                OperationCanceledException => "aborted by request",
                _ => $"failed unexpectedly: {exception.Message}",
            };
            if (reason.StartsWith("failed unexpectedly", StringComparison.Ordinal))
            {
                logger.LogError(exception, "The rollout of {Deployment} failed unexpectedly", deployment.Name);
            }
            await RollBackAsync(incoming, desired, reason);
            return;
        }
        await SwitchAsync(desired);
    }

    /// <summary>The new revision becomes current and the old one's replicas go.</summary>
    private async Task SwitchAsync(int desired)
    {
        lock (_lock)
        {
            _switching = true;
        }
        var previous = deployment.CompleteRollout();
        try
        {
            await previous.ScaleAsync(0, CancellationToken.None);
            splits.Clear(deployment.Service);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogError(exception, "{Deployment}: the new revision is current, but cleaning up after the old one failed", deployment.Name);
        }
        Finish(RolloutPhase.Completed, $"revision {template.Revision} ({template.Version}) serves all traffic with {desired} replicas");
    }

    /// <summary>Kubernetes' rolling update, one <see cref="RollingUpdatePlan"/> step at a time.</summary>
    private async Task RollingUpdateAsync(ReplicaSet current, ReplicaSet incoming, int desired, CancellationToken cancellationToken)
    {
        var progress = new ProgressDeadline(strategy.ProgressDeadline, time);
        while (true)
        {
            var (oldCount, oldReady) = (current.Replicas, current.ReadyReplicas);
            var (newCount, newReady) = (incoming.Replicas, incoming.ReadyReplicas);
            if (newReady >= desired && oldCount == 0)
            {
                return;
            }
            progress.Check(newReady, incoming);
            if (RollingUpdatePlan.ScaleUpTo(desired, strategy.MaxSurge, oldCount, newCount) is { } grown)
            {
                await incoming.ScaleAsync(grown, cancellationToken);
                continue;
            }
            var removable = RollingUpdatePlan.OldToRemove(desired, strategy.MaxUnavailable, oldCount, oldReady, newCount, newReady);
            if (removable > 0)
            {
                Say($"{newReady} of {desired} new replicas ready; taking {removable} old away");
                await current.ScaleAsync(oldCount - removable, cancellationToken);
                progress.Progressed(); // Taking old replicas away is progress too, however long their drain.
                continue;
            }
            Say($"{newReady} of {desired} new replicas ready");
            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    private async Task CanaryAsync(ReplicaSet current, ReplicaSet incoming, int desired, CancellationToken cancellationToken)
    {
        // Pinned to the current version before a canary replica is published: a ready replica is
        // listed under the service at once, and would otherwise get its share of unweighted traffic.
        SetWeight(current, 0);
        await Task.Delay(propagationDelay, time, cancellationToken);
        foreach (var weight in strategy.CanarySteps)
        {
            var step = _promote ? 100 : weight;
            var replicas = step >= 100 ? desired : Math.Clamp((int)Math.Ceiling(desired * step / 100.0), 1, desired);
            await incoming.ScaleAsync(replicas, cancellationToken);
            await WaitReadyAsync(incoming, replicas, cancellationToken);
            // Callers' discovery must list the new replicas before any traffic is sent their way.
            await Task.Delay(propagationDelay, time, cancellationToken);
            SetWeight(current, step);
            if (step >= 100)
            {
                // Callers must stop sending to the old revision before it is taken away.
                await Task.Delay(propagationDelay, time, cancellationToken);
                return;
            }
            Say($"{template.Version} gets {step}% of the traffic; analysing");
            await AnalyseAsync(current, incoming, step, cancellationToken);
        }
    }

    /// <summary>Judges windows until one passes (or a promotion skips them); a breach, or too many
    /// windows without a verdict, aborts.</summary>
    private async Task AnalyseAsync(ReplicaSet current, ReplicaSet incoming, int weight, CancellationToken cancellationToken)
    {
        var warmedUp = time.GetUtcNow() + strategy.Analysis.InitialDelay;
        while (!_promote && time.GetUtcNow() < warmedUp)
        {
            await Task.Delay(PollInterval, time, cancellationToken);
        }
        for (var inconclusive = 0; !_promote;)
        {
            var (verdict, stable, canary) = await analysis.JudgeWindowAsync(current, incoming, strategy.Analysis, () => _promote, cancellationToken);
            if (verdict is null)
            {
                return; // Promoted during the window.
            }
            lock (_lock)
            {
                _analyses.Add(new AnalysisRecord(time.GetUtcNow(), weight, stable, canary, verdict.Outcome.ToString(), verdict.Reason));
            }
            logger.LogInformation("{Deployment} canary at {Weight}%: {Outcome}: {Reason}", deployment.Name, weight, verdict.Outcome, verdict.Reason);
            switch (verdict.Outcome)
            {
                case CanaryOutcome.Pass:
                    return;
                case CanaryOutcome.Breach:
                    throw new RolloutAbortedException($"analysis at {weight}% failed: {verdict.Reason}");
                default:
                    if (++inconclusive >= strategy.Analysis.InconclusiveLimit)
                    {
                        throw new RolloutAbortedException($"analysis at {weight}% reached no verdict in {inconclusive} windows: {verdict.Reason}");
                    }
                    Say($"{template.Version} at {weight}%: {verdict.Reason}; waiting for more traffic");
                    break;
            }
        }
    }

    private async Task WaitReadyAsync(ReplicaSet incoming, int replicas, CancellationToken cancellationToken)
    {
        var progress = new ProgressDeadline(strategy.ProgressDeadline, time);
        int ready;
        while ((ready = incoming.ReadyReplicas) < replicas)
        {
            progress.Check(ready, incoming);
            Say($"{ready} of {replicas} {template.Version} replicas ready");
            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    /// <summary>All traffic back to the current revision at full size, then the new one's replicas
    /// away. Each step is tried whatever the one before did: a half rollback is worse than none.</summary>
    private async Task RollBackAsync(ReplicaSet? incoming, int desired, string reason)
    {
        logger.LogWarning("Rolling {Deployment} back to revision {From}: {Reason}", deployment.Name, _from.Revision, reason);
        var current = deployment.Current;
        await BestEffortAsync("sending all traffic back", async () =>
        {
            if (Volatile.Read(ref _weight) > 0)
            {
                SetWeight(current, 0);
                await Task.Delay(propagationDelay, time);
            }
        });
        // A rolling update may have taken old replicas away already: they come back before the new ones go.
        await BestEffortAsync("restoring the current revision", async () =>
        {
            if (current.Replicas < desired)
            {
                await current.ScaleAsync(desired, CancellationToken.None);
                var deadline = time.GetUtcNow() + strategy.ProgressDeadline;
                while (current.ReadyReplicas < desired && time.GetUtcNow() < deadline)
                {
                    await Task.Delay(PollInterval, time);
                }
            }
        });
        if (incoming is not null)
        {
            await BestEffortAsync("removing the new replicas", () => incoming.ScaleAsync(0, CancellationToken.None));
            deployment.AbandonRollout();
        }
        await BestEffortAsync("clearing the traffic split", () =>
        {
            splits.Clear(deployment.Service);
            return Task.CompletedTask;
        });
        Finish(RolloutPhase.RolledBack, $"rolled back to revision {_from.Revision} ({_from.Version}): {reason}");
    }

    private async Task BestEffortAsync(string step, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Rolling {Deployment} back: {Step} failed", deployment.Name, step);
        }
    }

    private void SetWeight(ReplicaSet current, int weight)
    {
        splits.Set(deployment.Service, current.Template.Version, template.Version, weight);
        lock (_lock)
        {
            _weight = weight;
        }
    }

    private bool Signal(Action action)
    {
        lock (_lock)
        {
            if (_phase != RolloutPhase.Progressing || _switching)
            {
                return false;
            }
            action();
            return true;
        }
    }

    private void Finish(RolloutPhase phase, string message)
    {
        lock (_lock)
        {
            _phase = phase;
            _message = message;
            _finishedAt = time.GetUtcNow();
            _weight = phase == RolloutPhase.Completed ? 100 : 0;
        }
        logger.LogInformation("{Deployment}: {Message}", deployment.Name, message);
    }

    private void Say(string message)
    {
        lock (_lock)
        {
            _message = message;
        }
    }

    /// <summary>Fails the rollout when the new replicas make no progress towards ready for too long.</summary>
    private sealed class ProgressDeadline(TimeSpan deadline, TimeProvider time)
    {
        private int _ready = -1;
        private DateTimeOffset _since = time.GetUtcNow();

        public void Progressed() => _since = time.GetUtcNow();

        public void Check(int ready, ReplicaSet incoming)
        {
            var now = time.GetUtcNow();
            if (ready > _ready)
            {
                (_ready, _since) = (ready, now);
                return;
            }
            if (now - _since > deadline)
            {
                var states = string.Join(", ", incoming.Observe().Select(replica => $"{replica.Replica} {replica.State}"));
                throw new RolloutAbortedException(string.Create(CultureInfo.InvariantCulture,
                    $"revision {incoming.Template.Revision} made no progress towards ready for {deadline.TotalSeconds:0} s ({states})"));
            }
        }
    }
}

internal enum RolloutPhase
{
    Progressing,
    Completed,
    RolledBack,
}

internal sealed class RolloutAbortedException(string message) : Exception(message);
