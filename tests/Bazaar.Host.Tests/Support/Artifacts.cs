using Bazaar.Host.Processes;

namespace Bazaar.Host.Tests.Support;

/// <summary>The build outputs beside this test assembly (artifacts/bin/&lt;Project&gt;/&lt;pivot&gt;/).</summary>
internal static class Artifacts
{
    private static readonly DirectoryInfo Pivot = new(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));

    public static string BinRoot => Pivot.Parent!.Parent!.FullName;

    public static string FolderOf(string project) => Path.Combine(BinRoot, project, Pivot.Name);

    /// <summary>The real user-service, the one service these tests run.</summary>
    public static ServiceBinary UserService { get; } = new BinaryLocator(AppContext.BaseDirectory, binariesDir: null).Locate("Bazaar.Users");
}
