using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Bazaar.Host.Processes;

/// <summary>A built service in its folder: its assembly and, when the build made one, its native
/// launcher (apphost), which shows in <c>ps</c> under the project's name. A Native AOT publish is
/// the executable alone, with no assembly.</summary>
internal sealed record ServiceBinary(string Project, string Directory, string? Assembly, string? AppHost)
{
    /// <summary>How to start it: the executable, else <c>dotnet &lt;dll&gt;</c> with the muxer of
    /// the runtime the Host itself runs on. The service's folder is its working directory so that
    /// it reads its own appsettings.json.</summary>
    public ProcessStartInfo CreateStartInfo()
    {
        var info = AppHost is not null ? new ProcessStartInfo(AppHost) : new ProcessStartInfo(DotnetMuxer(), [Assembly!]);
        info.WorkingDirectory = Directory;
        info.UseShellExecute = false;
        // An apphost finds the runtime through DOTNET_ROOT when .NET is not installed globally.
        if (AppHost is not null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")))
        {
            info.Environment["DOTNET_ROOT"] = DotnetRoot();
        }
        return info;
    }

    /// <summary>shared/Microsoft.NETCore.App/&lt;version&gt;/ sits three levels below the install root.</summary>
    private static string DotnetRoot() =>
        Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    private static string DotnetMuxer()
    {
        var muxer = Path.Combine(DotnetRoot(), OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(muxer) ? muxer : "dotnet";
    }
}
