using System.ComponentModel;
using System.Diagnostics;

namespace Bazaar.Host.Processes;

/// <summary>Tells whether a pid found in a run file still belongs to what wrote it. Pids are
/// recycled, so a bare "is it alive" could kill a stranger: on Linux the process's command line
/// and environment (in /proc) must match; elsewhere its name must be a Bazaar project's.</summary>
internal static class ProcessInspector
{
    private const string HostName = "Bazaar.Host";

    /// <summary>Whether <paramref name="pid"/> is a running Bazaar Host (other than this one).</summary>
    public static bool IsBazaarHost(int pid)
    {
        if (pid == Environment.ProcessId || !IsAlive(pid))
        {
            return false;
        }
        if (ReadProcFile(pid, "cmdline") is { } commandLine)
        {
            // The apphost (…/Bazaar.Host) or `dotnet …/Bazaar.Host.dll`; the Host's tests are not it.
            return commandLine.Take(2).Any(argument => Path.GetFileName(argument) is HostName or HostName + ".dll" or HostName + ".exe");
        }
        return NameOf(pid) == HostName;
    }

    /// <summary>Whether <paramref name="pid"/> is the replica a Host with these endpoints started.</summary>
    public static bool IsReplica(int pid, string replica, string endpointsFile)
    {
        if (pid == Environment.ProcessId || !IsAlive(pid))
        {
            return false;
        }
        if (ReadProcFile(pid, "environ") is { } environment)
        {
            return environment.Contains($"Bazaar__Replica={replica}") && environment.Contains($"Bazaar__EndpointsFile={endpointsFile}");
        }
        return NameOf(pid)?.StartsWith("Bazaar.", StringComparison.Ordinal) == true;
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Kills the process and waits (briefly) until it is gone, so its port is free.</summary>
    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>The NUL-separated entries of /proc/&lt;pid&gt;/&lt;file&gt;; null where /proc is not available.</summary>
    private static string[]? ReadProcFile(int pid, string file)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            return File.ReadAllText($"/proc/{pid}/{file}").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? NameOf(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.ProcessName;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or Win32Exception)
        {
            return null;
        }
    }
}
