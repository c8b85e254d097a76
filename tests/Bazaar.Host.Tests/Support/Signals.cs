using System.Diagnostics;
using System.Globalization;

namespace Bazaar.Host.Tests.Support;

internal static class Signals
{
    /// <summary>What Ctrl+C's sibling SIGTERM, SIGKILL or SIGSTOP would do, through kill(1).</summary>
    public static void Send(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A process that is certainly not Bazaar.</summary>
    public static Process Stranger() => Process.Start("sleep", ["600"]);
}
