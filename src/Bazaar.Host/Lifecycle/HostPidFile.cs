using System.Globalization;
using System.Text;
using Bazaar.Host.Configuration;
using Bazaar.Host.Processes;
using Bazaar.Host.Publishing;

namespace Bazaar.Host.Lifecycle;

/// <summary><c>run/host.pid</c>: one Host per data folder. The claim is an exclusive lock on
/// <c>run/host.lock</c> held for the Host's life (the OS drops it however the Host ends, so two
/// Hosts started at the same moment cannot both win, and a crashed one blocks nothing); the pid
/// beside it names the holder for the message and for tools.</summary>
internal sealed class HostPidFile(HostPaths paths) : IDisposable
{
    private FileStream? _lock;

    public void Claim()
    {
        try
        {
            _lock = new FileStream(Path.Combine(paths.Run, "host.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw AlreadyRunning(ReadPid());
        }
        if (ReadPid() is { } pid && pid != Environment.ProcessId && ProcessInspector.IsBazaarHost(pid))
        {
            throw AlreadyRunning(pid);
        }
        AtomicFile.Write(paths.HostPidFile, Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
    }

    public void Release()
    {
        if (ReadPid() == Environment.ProcessId)
        {
            File.Delete(paths.HostPidFile);
        }
        Dispose();
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }

    private HostStartupException AlreadyRunning(int? pid) => new(
        $"Another Bazaar Host (pid {pid?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}) is already running with data in {paths.DataDir}. Stop it first (Ctrl+C in its terminal, or `kill {pid}`), or give this one another Bazaar:DataDir.");

    private int? ReadPid()
    {
        try
        {
            return int.TryParse(File.ReadAllText(paths.HostPidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
