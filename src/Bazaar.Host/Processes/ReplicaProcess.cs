using System.Diagnostics;

namespace Bazaar.Host.Processes;

/// <summary>One running replica: an OS process whose standard input the Host holds open. Closing it
/// is the graceful stop signal, and the kernel closes it however the Host dies, so the replica
/// (which watches for end-of-file) never outlives its Host.</summary>
internal sealed class ReplicaProcess : IDisposable
{
    private readonly Process _process;
    private readonly ReplicaLogFile _log;
    private readonly TimeProvider _time;

    private ReplicaProcess(Process process, ReplicaLogFile log, string url, DateTimeOffset startedAt, TimeProvider time)
    {
        _process = process;
        _log = log;
        _time = time;
        Url = url;
        StartedAt = startedAt;
        Pid = process.Id;
    }

    public int Pid { get; }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public string Url { get; }

    public DateTimeOffset StartedAt { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The CPU time the process has used so far (user and system), or null once it is gone.</summary>
    public TimeSpan? CpuTime()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? null : _process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static ReplicaProcess Start(ProcessStartInfo startInfo, string url, string logFile, TimeProvider time)
    {
        startInfo.UseShellExecute = false;
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;

        var log = new ReplicaLogFile(logFile);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => log.WriteLine(line.Data);
        process.ErrorDataReceived += (_, line) => log.WriteLine(line.Data);
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            log.Dispose();
            throw;
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ReplicaProcess(process, log, url, time.GetUtcNow(), time);
    }

    /// <summary>Completes when the process has exited and its output is in the log.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>The graceful stop signal: end-of-file on the replica's standard input.</summary>
    public void CloseStandardInput()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone: the pipe broke with it.
        }
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }
    }

    /// <summary>Closes standard input and waits up to <paramref name="grace"/> for the replica to
    /// finish its requests and exit; kills it after that. True when it stopped by itself.</summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        CloseStandardInput();
        using var timeout = new CancellationTokenSource(grace, _time);
        try
        {
            await WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            Kill();
            await WaitForExitAsync(CancellationToken.None);
            return false;
        }
    }

    public void Dispose()
    {
        _process.Dispose();
        _log.Dispose();
    }
}
