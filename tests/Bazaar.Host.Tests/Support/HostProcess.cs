using System.Diagnostics;
using System.Text.RegularExpressions;
using Bazaar.Host.Processes;
using Xunit;

namespace Bazaar.Host.Tests.Support;

/// <summary>The real Bazaar.Host executable, started as an operator would, its console captured.</summary>
internal sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly List<string> _errors = [];

    public HostProcess(string dataDir, IReadOnlyDictionary<string, string> settings)
    {
        var startInfo = new BinaryLocator(AppContext.BaseDirectory, binariesDir: null).Locate("Bazaar.Host").CreateStartInfo();
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.Environment["Bazaar__DataDir"] = dataDir;
        foreach (var (key, value) in settings)
        {
            startInfo.Environment[key] = value;
        }
        _process = new Process { StartInfo = startInfo };
        _process.OutputDataReceived += (_, line) => Add(_output, line.Data);
        _process.ErrorDataReceived += (_, line) => Add(_errors, line.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Only user-service binaries run: the gateway is played by the user-service too.</summary>
    public static Dictionary<string, string> UserServiceOnly(int gatewayPort) => new()
    {
        ["Bazaar__Gateway__Port"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Bazaar__Host__Port"] = "0",
        ["Bazaar__Services__gateway__Project"] = "Bazaar.Users",
        ["Bazaar__Services__product-service__Replicas"] = "0",
        ["Bazaar__Services__cart-service__Replicas"] = "0",
        ["Bazaar__Services__order-service__Replicas"] = "0",
        ["Bazaar__Services__payment-service__Replicas"] = "0",
        ["Bazaar__Services__recommendation-service__Replicas"] = "0",
    };

    public int Pid => _process.Id;

    public IReadOnlyList<string> Output => Snapshot(_output);

    public IReadOnlyList<string> Errors => Snapshot(_errors);

    public Task<string> ReadyLineAsync() =>
        Eventually.ReturnsAsync(() => Output.FirstOrDefault(line => line.Contains("Bazaar is ready", StringComparison.Ordinal)),
            $"the Host prints that Bazaar is ready (output so far: {string.Join(" | ", Output.Concat(Errors))})");

    /// <summary>The status API's address, from the ready line.</summary>
    public async Task<Uri> HostApiAsync() => new(HostApi().Match(await ReadyLineAsync()).Groups[1].Value);

    public async Task<int> ExitCodeAsync()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Eventually.Deadline);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    public void Terminate() => Signals.Send(Pid, "TERM");

    public void KillHard() => _process.Kill();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Terminate();
            try
            {
                await ExitCodeAsync();
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }

    private static void Add(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (lines)
        {
            lines.Add(line);
        }
    }

    private static List<string> Snapshot(List<string> lines)
    {
        lock (lines)
        {
            return [.. lines];
        }
    }

    [GeneratedRegex(@"host API (http://127\.0\.0\.1:\d+)")]
    private static partial Regex HostApi();
}
