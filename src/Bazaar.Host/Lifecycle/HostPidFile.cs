using System.Globalization;
using System.Text;
using Bazaar.Host.Configuration;
using Bazaar.Host.Processes;
using Bazaar.Host.Publishing;

namespace Bazaar.Host.Lifecycle;

/// <summary><c>run/host.pid</c>: one Host per data folder. A pid left by a Host that crashed (or a
/// recycled pid that is now something else) does not block a new start.</summary>
internal sealed class HostPidFile(HostPaths paths)
{
    public void Claim()
    {
        if (ReadPid() is { } pid && ProcessInspector.IsBazaarHost(pid))
        {
            throw new HostStartupException(
                $"Another Bazaar Host (pid {pid}) is already running with data in {paths.DataDir}. Stop it first (Ctrl+C in its terminal, or `kill {pid}`), or give this one another Bazaar:DataDir.");
        }
        AtomicFile.Write(paths.HostPidFile, Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
    }

    public void Release()
    {
        if (ReadPid() == Environment.ProcessId)
        {
            File.Delete(paths.HostPidFile);
        }
    }

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
