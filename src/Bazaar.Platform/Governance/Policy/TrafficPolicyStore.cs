using System.Diagnostics.Metrics;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Bazaar.Platform.Governance.Policy;

/// <summary>The policy in force in this process. It comes from the file named by
/// <c>Bazaar:TrafficPolicy</c> (the built-in defaults when unset). A file with problems is refused
/// at start-up, which stops the process; later, an edited file is reloaded within about a second,
/// and a refused edit leaves the last good policy in force.</summary>
public sealed class TrafficPolicyStore : IDisposable
{
    private readonly string? _file;
    private readonly IReadOnlySet<string>? _knownRoutes;
    private readonly ILogger<TrafficPolicyStore> _logger;
    private readonly PhysicalFileProvider? _watcher;
    private readonly IDisposable? _subscription;
    private readonly Counter<long> _reloads;
    private TrafficPolicy _current;
    private byte[]? _lastSeen;
    private readonly Lock _reloading = new();

    public TrafficPolicyStore(IConfiguration configuration, IOptions<GovernanceOptions> options, ILogger<TrafficPolicyStore> logger, IMeterFactory meters)
    {
        _logger = logger;
        _knownRoutes = options.Value.KnownRoutes;
        _reloads = meters.Create("Bazaar.Governance").CreateCounter<long>("bazaar.policy.reloads", description: "Policy file reloads by outcome (applied, refused).");
        var file = configuration["Bazaar:TrafficPolicy"];
        if (string.IsNullOrWhiteSpace(file))
        {
            _current = TrafficPolicy.Default;
            return;
        }

        _file = Path.GetFullPath(file);
        (_lastSeen, var loaded) = Read(_file);
        _current = loaded.Policy ?? throw new InvalidOperationException(
            $"The traffic policy was refused:{Environment.NewLine}{string.Join(Environment.NewLine, loaded.Problems)}");
        _watcher = new PhysicalFileProvider(Path.GetDirectoryName(_file)!) { UsePollingFileWatcher = false };
        _subscription = ChangeToken.OnChange(() => _watcher.Watch(Path.GetFileName(_file)), () => Reload());
    }

    /// <summary>The policy in force; a new object after each applied reload.</summary>
    public TrafficPolicy Current => Volatile.Read(ref _current);

    /// <summary>The problems of the last refused reload, cleared by the next applied one.</summary>
    public IReadOnlyList<string> LastRefusal { get; private set; } = [];

    public string? File => _file;

    /// <summary>Raised after a reload is applied.</summary>
    public event Action<TrafficPolicy>? Changed;

    /// <summary>Reads the file again; used by the watcher and by tests. Whatever goes wrong, the
    /// last good policy stays in force and the reason is logged.</summary>
    public bool Reload()
    {
        if (_file is null)
        {
            return false;
        }
        try
        {
            // The watcher and an explicit reload must not interleave a read and an apply.
            lock (_reloading)
            {
                return ReloadFile(_file);
            }
        }
        catch (Exception exception)
        {
            LastRefusal = [$"{_file}: {exception.Message}"];
            _reloads.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
            _logger.LogError(exception, "The edited traffic policy could not be applied; the last good one stays in force");
            return false;
        }
    }

    private bool ReloadFile(string file)
    {
        // A save often raises several change events; the same content is handled once.
        var (content, loaded) = Read(file);
        if (content is not null && _lastSeen is not null && content.AsSpan().SequenceEqual(_lastSeen))
        {
            return LastRefusal.Count == 0;
        }
        _lastSeen = content;
        if (loaded.Policy is null)
        {
            LastRefusal = loaded.Problems;
            _reloads.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));
            _logger.LogError("The edited traffic policy was refused; the last good one stays in force: {Problems}", string.Join("; ", loaded.Problems));
            return false;
        }
        LastRefusal = [];
        Volatile.Write(ref _current, loaded.Policy);
        _reloads.Add(1, new KeyValuePair<string, object?>("outcome", "applied"));
        _logger.LogInformation("Traffic policy reloaded from {File}", _file);
        Changed?.Invoke(loaded.Policy);
        return true;
    }

    /// <summary>The file's bytes (null when unreadable) and what they make, reading the file once.</summary>
    private (byte[]? Content, PolicyLoadResult Loaded) Read(string file)
    {
        try
        {
            var content = System.IO.File.ReadAllBytes(file);
            return (content, PolicyLoader.Parse(content, file, _knownRoutes));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (null, PolicyLoadResult.Failed($"{file}: cannot be read: {exception.Message}"));
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _watcher?.Dispose();
    }
}

public sealed class GovernanceOptions
{
    /// <summary>Route ids the policy's <c>gateway.routes</c> may name; null in a service, where they are not checked.</summary>
    public IReadOnlySet<string>? KnownRoutes { get; set; }
}
