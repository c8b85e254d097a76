namespace Bazaar.Host.Processes;

/// <summary>Finds each service's build output. With artifacts output the Host runs from
/// <c>artifacts/bin/Bazaar.Host/&lt;pivot&gt;/</c> and a service is at
/// <c>artifacts/bin/&lt;Project&gt;/&lt;pivot&gt;/&lt;Project&gt;.dll</c> (same pivot, e.g. <c>debug</c>);
/// a published layout names its folder in <c>Bazaar:BinariesDir</c> and holds
/// <c>&lt;Project&gt;/&lt;Project&gt;.dll</c>, or <c>&lt;Project&gt;/&lt;Project&gt;</c> alone for a
/// service published as Native AOT.</summary>
internal sealed class BinaryLocator(string hostDirectory, string? binariesDir)
{
    public ServiceBinary Locate(string project)
    {
        var folder = FolderOf(project);
        var assembly = Path.Combine(folder, project + ".dll");
        var executable = Path.Combine(folder, OperatingSystem.IsWindows() ? project + ".exe" : project);
        var hasAssembly = File.Exists(assembly);
        var hasExecutable = File.Exists(executable);
        // A Native AOT publish has the executable and no assembly.
        if (!hasAssembly && !hasExecutable)
        {
            throw new HostStartupException(binariesDir is null
                ? $"{project} is not built: {assembly} does not exist. Build every service with `dotnet build src/Bazaar.Host` (or `dotnet build src/{project}`), or set Bazaar:BinariesDir to a published layout."
                : $"{project} is missing from Bazaar:BinariesDir: {assembly} does not exist. Publish it there (`dotnet publish src/{project} -o {Path.Combine(binariesDir, project)}`) or unset Bazaar:BinariesDir.");
        }
        return new ServiceBinary(project, folder, hasAssembly ? assembly : null, hasExecutable ? executable : null);
    }

    private string FolderOf(string project)
    {
        if (binariesDir is not null)
        {
            return Path.Combine(Path.GetFullPath(binariesDir), project);
        }
        var pivot = new DirectoryInfo(Path.TrimEndingDirectorySeparator(hostDirectory));
        var binRoot = pivot.Parent?.Parent ?? throw new HostStartupException(
            $"Cannot find the services beside the Host in {hostDirectory}: set Bazaar:BinariesDir to the folder that holds <Project>/<Project>.dll.");
        return Path.Combine(binRoot.FullName, project, pivot.Name);
    }
}
