using Bazaar.Host.Configuration;
using Bazaar.Host.Processes;
using Bazaar.Host.Supervision;
using Microsoft.Extensions.Options;

namespace Bazaar.Host.Releases;

/// <summary>Starts, promotes, aborts and undoes rollouts, one at a time per deployment, and keeps
/// the latest of each to be shown.</summary>
internal sealed class RolloutController(
    IOptions<BazaarHostOptions> options,
    TrafficSplits splits,
    CanaryAnalysis analysis,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<RolloutController> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Rollout> _latest = new(StringComparer.Ordinal);

    public IReadOnlyList<RolloutView> Views()
    {
        lock (_lock)
        {
            return [.. _latest.Values.Select(rollout => rollout.View()).OrderBy(view => view.Deployment, StringComparer.Ordinal)];
        }
    }

    public RolloutView? ViewOf(string deployment)
    {
        lock (_lock)
        {
            return _latest.GetValueOrDefault(deployment)?.View();
        }
    }

    /// <summary>Starts rolling <paramref name="deployment"/> to what <paramref name="request"/> describes.</summary>
    public RolloutResult Start(Deployment deployment, RolloutRequest request)
    {
        var settings = options.Value;
        var current = deployment.Current.Template;
        var strategy = deployment.Options.Strategy ?? RolloutStrategyOptions.Default;
        if (request.Strategy is { } type && !Enum.IsDefined(type))
        {
            return RolloutResult.Invalid($"The strategy '{type}' is neither RollingUpdate nor Canary.");
        }
        if (request.Strategy is { } requested && requested != strategy.Type)
        {
            strategy = strategy.WithType(requested);
        }
        var version = request.Version ?? current.Version;
        if (deployment.Service == BazaarHostOptions.GatewayService)
        {
            return RolloutResult.Invalid("The gateway cannot be rolled locally: its public port is held by one process at a time.");
        }
        if (!DnsLabel.IsValid(version))
        {
            return RolloutResult.Invalid($"The version '{version}' is not a DNS label such as v2.");
        }
        if (strategy.Type == RolloutStrategyType.Canary && version == current.Version)
        {
            return RolloutResult.Invalid($"A canary needs a version label of its own to route by; {deployment.Name} runs {current.Version} already.");
        }
        ServiceBinary binary;
        try
        {
            binary = request.BinariesDir is null
                ? current.Binary
                : new BinaryLocator(AppContext.BaseDirectory, request.BinariesDir).Locate(deployment.Options.Project);
        }
        catch (HostStartupException exception)
        {
            return RolloutResult.Invalid(exception.Message);
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or NotSupportedException)
        {
            return RolloutResult.Invalid($"binariesDir '{request.BinariesDir}' is not a usable folder: {exception.Message}");
        }
        var environment = new Dictionary<string, string>(current.Environment, StringComparer.Ordinal);
        foreach (var (name, value) in request.Environment ?? [])
        {
            if (string.IsNullOrEmpty(value))
            {
                environment.Remove(name);
            }
            else
            {
                environment[name] = value;
            }
        }
        var template = new ReplicaTemplate(deployment.NextRevision, binary, version, environment) { BinariesDir = request.BinariesDir ?? current.BinariesDir };
        return Launch(deployment, template, strategy, settings);
    }

    /// <summary>Rolls back: aborts a rollout under way, or else rolls the previous revision out again (<c>kubectl rollout undo</c>).</summary>
    public RolloutResult Undo(Deployment deployment)
    {
        if (Progressing(deployment.Name) is { } rollout)
        {
            return rollout.Abort() ? RolloutResult.Started(rollout) : TooLate(rollout);
        }
        var history = deployment.History;
        if (history.Count < 2)
        {
            return RolloutResult.Conflict($"{deployment.Name} has no previous revision to roll back to.");
        }
        var previous = history[^2];
        var strategy = deployment.Options.Strategy ?? RolloutStrategyOptions.Default;
        // Back to a known-good revision as fast as is safe: replicas, not a canary's analysis.
        var template = previous with { Revision = deployment.NextRevision };
        return Launch(deployment, template, strategy.WithType(RolloutStrategyType.RollingUpdate), options.Value);
    }

    public RolloutResult Promote(Deployment deployment) => Act(deployment, Progressing(deployment.Name), rollout => rollout.Promote());

    public RolloutResult Abort(Deployment deployment) => Act(deployment, Progressing(deployment.Name), rollout => rollout.Abort());

    private static RolloutResult Act(Deployment deployment, Rollout? rollout, Func<Rollout, bool> action) => rollout switch
    {
        null => RolloutResult.Conflict($"{deployment.Name} has no rollout under way."),
        _ when action(rollout) => RolloutResult.Started(rollout),
        _ => TooLate(rollout),
    };

    private static RolloutResult TooLate(Rollout rollout) =>
        RolloutResult.Conflict($"{rollout.Deployment.Name} is already switching to revision {rollout.View().ToRevision}; roll back once it is done.");

    private RolloutResult Launch(Deployment deployment, ReplicaTemplate template, RolloutStrategyOptions strategy, BazaarHostOptions settings)
    {
        lock (_lock)
        {
            if (Progressing(deployment.Name) is { } running)
            {
                return RolloutResult.Conflict($"{deployment.Name} is already rolling out revision {running.View().ToRevision}; promote, abort or wait for it.");
            }
            if (deployment.Replicas == 0)
            {
                return RolloutResult.Conflict($"{deployment.Name} runs no replicas; scale it up first.");
            }
            var rollout = new Rollout(deployment, template, strategy, splits, analysis, settings.PreStopSleep, time, logger);
            _latest[deployment.Name] = rollout;
            _ = Task.Run(() => RunAsync(rollout), CancellationToken.None);
            return RolloutResult.Started(rollout);
        }
    }

    private async Task RunAsync(Rollout rollout)
    {
        try
        {
            await rollout.RunAsync(lifetime.ApplicationStopping);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "The rollout of {Deployment} failed unexpectedly", rollout.Deployment.Name);
        }
    }

    private Rollout? Progressing(string deployment)
    {
        lock (_lock)
        {
            return _latest.GetValueOrDefault(deployment) is { IsProgressing: true } rollout ? rollout : null;
        }
    }
}

/// <summary>What a rollout command did: started or acted on a rollout, or why not.</summary>
internal sealed record RolloutResult(Rollout? Rollout, int Status, string? Problem)
{
    public static RolloutResult Started(Rollout rollout) => new(rollout, StatusCodes.Status202Accepted, null);

    public static RolloutResult Invalid(string problem) => new(null, StatusCodes.Status400BadRequest, problem);

    public static RolloutResult Conflict(string problem) => new(null, StatusCodes.Status409Conflict, problem);
}
