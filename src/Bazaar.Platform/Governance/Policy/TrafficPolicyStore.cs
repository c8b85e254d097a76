using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace Bazaar.Platform.Governance.Policy;

/// <summary>The policy in force in this process. It comes from the file named by
/// <c>Bazaar:TrafficPolicy</c> (the built-in defaults when unset), with the Host's
/// <see cref="TrafficSplits"/> from the file named by <c>Bazaar:TrafficSplits</c> applied over it.
/// A policy file with problems is refused at start-up, which stops the process; a splits file with
/// problems is only logged, since the Host owns it and the replica must still start. Later, an edit
/// of either file is applied within about a second, and a refused edit leaves the last good one in force.</summary>
public sealed class TrafficPolicyStore : IDisposable
{
    private readonly ILogger<TrafficPolicyStore> _logger;
    private readonly Counter<long> _reloads;
    private readonly WatchedFile<TrafficPolicy>? _policyFile;
    private readonly WatchedFile<TrafficSplits>? _splitsFile;
    private TrafficPolicy _current;
    private readonly Lock _reloading = new();

    public TrafficPolicyStore(IConfiguration configuration, IOptions<GovernanceOptions> options, ILogger<TrafficPolicyStore> logger, IMeterFactory meters)
    {
        _logger = logger;
        _reloads = meters.Create("Bazaar.Governance").CreateCounter<long>("bazaar.policy.reloads", description: "Policy file reloads by outcome (applied, refused).");
        var knownRoutes = options.Value.KnownRoutes;
        if (configuration["Bazaar:TrafficPolicy"] is { } file && !string.IsNullOrWhiteSpace(file))
        {
            _policyFile = new(Path.GetFullPath(file), TrafficPolicy.Default, (json, path) => PolicyLoader.Parse(json, path, knownRoutes));
            if (_policyFile.Refresh() is false)
            {
                throw new InvalidOperationException(
                    $"The traffic policy was refused:{Environment.NewLine}{string.Join(Environment.NewLine, _policyFile.Problems)}");
            }
        }
        if (configuration["Bazaar:TrafficSplits"] is { } splits && !string.IsNullOrWhiteSpace(splits))
        {
            // Missing reads as no splits: the Host writes the file before it starts replicas, and a
            // replica that starts first picks it up when it appears.
            _splitsFile = new(Path.GetFullPath(splits), TrafficSplits.None, TrafficSplits.Parse, whenMissing: "{}"u8.ToArray());
            if (_splitsFile.Refresh() is false)
            {
                _logger.LogError("The traffic splits were refused; the replica starts without them: {Problems}", string.Join("; ", _splitsFile.Problems));
            }
        }
        LastRefusal = Refusals();
        _current = Merged();
        Watch(_policyFile);
        Watch(_splitsFile);
    }

    /// <summary>The policy in force; a new object after each applied reload.</summary>
    public TrafficPolicy Current => Volatile.Read(ref _current);

    /// <summary>The problems of the files' contents that are refused now, cleared when they are fixed.</summary>
    public IReadOnlyList<string> LastRefusal { get; private set; }

    public string? File => _policyFile?.FullPath;

    public string? SplitsFile => _splitsFile?.FullPath;

    /// <summary>The Host's splits in force (the last good ones), applied over the policy file.</summary>
    public TrafficSplits Splits => _splitsFile?.Good ?? TrafficSplits.None;

    /// <summary>Raised after a reload is applied.</summary>
    public event Action<TrafficPolicy>? Changed;

    /// <summary>Reads both files again; used by the watchers and by tests. Whatever goes wrong, the
    /// last good content of each stays in force and the reason is logged. False while either is refused.</summary>
    public bool Reload()
    {
        if (_policyFile is null && _splitsFile is null)
        {
            return false;
        }
        try
        {
            // The watchers and an explicit reload must not interleave a read and an apply.
            lock (_reloading)
            {
                return ReloadFiles();
            }
        }
        catch (Exception exception)
        {
            LastRefusal = [exception.Message];
            _reloads.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
            _logger.LogError(exception, "The edited traffic policy could not be applied; the last good one stays in force");
            return false;
        }
    }

    private bool ReloadFiles()
    {
        // `|`, not `||`: both files are read whatever the first one holds.
        var accepted = Refresh(_policyFile) | Refresh(_splitsFile);
        LastRefusal = Refusals();
        if (accepted)
        {
            var merged = Merged();
            Volatile.Write(ref _current, merged);
            _reloads.Add(1, new KeyValuePair<string, object?>("outcome", "applied"));
            _logger.LogInformation("Traffic policy reloaded from {File} with the splits of {SplitsFile}", File, SplitsFile);
            Changed?.Invoke(merged);
        }
        return LastRefusal.Count == 0;
    }

    /// <summary>True when the file holds new content and it was accepted; a refused one is counted and logged.</summary>
    private bool Refresh<T>(WatchedFile<T>? file)
        where T : class
    {
        var outcome = file?.Refresh();
        if (outcome is false)
        {
            _reloads.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
            _logger.LogError("The edited {File} was refused; the last good one stays in force: {Problems}", file!.FullPath, string.Join("; ", file.Problems));
        }
        return outcome is true;
    }

    private TrafficPolicy Merged() => Splits.ApplyTo(_policyFile?.Good ?? TrafficPolicy.Default);

    private List<string> Refusals() => [.. _policyFile?.Problems ?? [], .. _splitsFile?.Problems ?? []];

    private void Watch<T>(WatchedFile<T>? file)
        where T : class
    {
        if (file is not null && !file.Watch(() => Reload()))
        {
            _logger.LogWarning("{File} is not watched: its directory does not exist", file.FullPath);
        }
    }

    public void Dispose()
    {
        _policyFile?.Dispose();
        _splitsFile?.Dispose();
    }
}

public sealed class GovernanceOptions
{
    /// <summary>Route ids the policy's <c>gateway.routes</c> may name; null in a service, where they are not checked.</summary>
    public IReadOnlySet<string>? KnownRoutes { get; set; }
}
