using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Bazaar.EndToEnd.Tests;

/// <summary>The real Host, started as `dotnet Bazaar.Host.dll` on a data folder of its own with the
/// gateway on a free port, exactly as a person runs it; every service is its own OS process.</summary>
public partial class RunningShop : IAsyncLifetime
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(3);

    private readonly StringBuilder _output = new();
    private Process? _host;

    public string DataDirectory { get; } = Path.Combine(Directory.CreateTempSubdirectory("bazaar-e2e-").FullName, ".bazaar");

    public Uri Gateway { get; private set; } = null!;

    /// <summary>The Host's own API (replicas, autoscalers, releases).</summary>
    public Uri HostApi { get; private set; } = null!;

    public HttpClient HostClient() => new() { BaseAddress = HostApi };

    public HttpClient Client { get; private set; } = null!;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public async ValueTask InitializeAsync()
    {
        var start = new ProcessStartInfo("dotnet", [HostDll()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetDirectoryName(DataDirectory)!,
            Environment =
            {
                ["Bazaar__DataDir"] = DataDirectory,
                ["Bazaar__Gateway__Port"] = "0",
                ["Catalog__Seed__Products"] = "120",
                ["Catalog__Seed__Categories"] = "6",
                // Seconds instead of minutes, so that a test sees unpaid orders given up and
                // payments cut off by a killed process resolved.
                ["Orders__Saga__PaymentDeadline"] = "00:00:20",
                ["Orders__Saga__ReconcileInterval"] = "00:00:01",
                ["Orders__Saga__RetryMax"] = "00:00:02",
                ["Payments__Provider__Timeout"] = "00:00:05",
                ["Payments__Sweeper__PendingAfter"] = "00:00:40", // must exceed the provider timeout + SQLite's 30 s busy timeout
                ["Payments__Sweeper__Interval"] = "00:00:01",
            },
        };
        var ready = new TaskCompletionSource<(Uri Gateway, Uri HostApi)>(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var (name, value) in Settings())
        {
            start.Environment[name] = value;
        }
        _host = new Process { StartInfo = start };
        _host.OutputDataReceived += (_, line) => OnLine(line.Data, ready);
        _host.ErrorDataReceived += (_, line) => OnLine(line.Data, ready);
        _host.Start();
        _host.BeginOutputReadLine();
        _host.BeginErrorReadLine();

        var exited = _host.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartDeadline));
        if (first != ready.Task)
        {
            throw new InvalidOperationException($"The Host did not announce the gateway ({(first == exited ? "it exited" : "deadline passed")}). Its output:\n{Output}");
        }
        (Gateway, HostApi) = ready.Task.Result;
        Client = new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };
    }

    private void OnLine(string? line, TaskCompletionSource<(Uri, Uri)> ready)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (ReadyLine().Match(line) is { Success: true } match)
        {
            ready.TrySetResult((new Uri(match.Groups[1].Value), new Uri(match.Groups[2].Value)));
        }
    }

    /// <summary>A traffic policy file of the shop's own, for shops whose tests rewrite it: such a
    /// shop points <c>Bazaar__TrafficPolicy</c> at it in its <see cref="Settings"/>.</summary>
    public string PolicyFile => field ??= Path.Combine(Directory.CreateTempSubdirectory("bazaar-policy-").FullName, "traffic-policy.json");

    /// <summary>Replaces the policy; every replica applies it within about a second.</summary>
    public void WritePolicy(string json)
    {
        var temporary = PolicyFile + ".tmp";
        File.WriteAllText(temporary, json);
        File.Move(temporary, PolicyFile, overwrite: true);
    }

    /// <summary>More settings for the Host and its replicas (environment variables), for a shop shaped for one test class.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>();

    [GeneratedRegex(@"Bazaar is ready: gateway (http://127\.0\.0\.1:\d+).*host API (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ReadyLine();

    /// <summary>The Host sits beside this test's own output: artifacts/bin/Bazaar.Host/&lt;pivot&gt;/.</summary>
    private static string HostDll()
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(own.Parent!.Parent!.FullName, "Bazaar.Host", own.Name, "Bazaar.Host.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the Host first (dotnet build).", dll);
    }

    /// <summary>The replicas as the Host last wrote them to run/replicas.json.</summary>
    public IReadOnlyList<JsonElement> Replicas()
    {
        var path = Path.Combine(DataDirectory, "run", "replicas.json");
        return [.. JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray()];
    }

    public JsonElement ReadyReplicaOf(string service) =>
        Replicas().First(r => r.GetProperty("service").GetString() == service && r.GetProperty("state").GetString() == "Ready");

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_host is null) return;
        if (!_host.HasExited)
        {
            // The Host's graceful path: SIGTERM, as a service manager or Kubernetes would send.
            using (var term = Process.Start("kill", ["-TERM", _host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _host.WaitForExitAsync(grace.Token); }
            catch (OperationCanceledException) { _host.Kill(entireProcessTree: true); }
        }
        _host.Dispose();
        // BAZAAR_E2E_KEEP=1 keeps the data and every replica's log for a look after a failure.
        if (Environment.GetEnvironmentVariable("BAZAAR_E2E_KEEP") == "1") return;
        try { Directory.Delete(Path.GetDirectoryName(DataDirectory)!, recursive: true); } catch (IOException) { }
    }
}
