using Bazaar.Host.Processes;
using Bazaar.Host.Tests.Support;
using Xunit;

namespace Bazaar.Host.Tests;

public sealed class BinaryLocatorTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("bazaar-binaries-");

    public void Dispose() => _root.Delete(recursive: true);

    private string HostFolder(string pivot = "debug") => Directory.CreateDirectory(Path.Combine(_root.FullName, "artifacts", "bin", "Bazaar.Host", pivot)).FullName;

    private string Build(string folder, string project, bool appHost)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, project + ".dll"), "");
        if (appHost)
        {
            File.WriteAllText(Path.Combine(folder, OperatingSystem.IsWindows() ? project + ".exe" : project), "");
        }
        return folder;
    }

    [Fact]
    public void Finds_a_service_beside_the_host_in_the_same_pivot_folder()
    {
        var hostFolder = HostFolder("release_linux-x64");
        var folder = Build(Path.Combine(_root.FullName, "artifacts", "bin", "Bazaar.Catalog", "release_linux-x64"), "Bazaar.Catalog", appHost: true);

        var binary = new BinaryLocator(hostFolder, binariesDir: null).Locate("Bazaar.Catalog");

        Assert.Equal(Path.Combine(folder, "Bazaar.Catalog.dll"), binary.Assembly);
        Assert.NotNull(binary.AppHost);
        Assert.Equal(binary.AppHost, binary.CreateStartInfo().FileName);
        Assert.Equal(folder, binary.CreateStartInfo().WorkingDirectory);
    }

    [Fact]
    public void Without_an_apphost_runs_the_dll_with_dotnet()
    {
        var folder = Build(Path.Combine(_root.FullName, "artifacts", "bin", "Bazaar.Carts", "debug"), "Bazaar.Carts", appHost: false);

        var startInfo = new BinaryLocator(HostFolder(), binariesDir: null).Locate("Bazaar.Carts").CreateStartInfo();

        Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(startInfo.FileName));
        Assert.Equal([Path.Combine(folder, "Bazaar.Carts.dll")], startInfo.ArgumentList);
    }

    [Fact]
    public void A_missing_build_names_the_project_and_how_to_build_it()
    {
        var failure = Assert.Throws<HostStartupException>(() => new BinaryLocator(HostFolder(), binariesDir: null).Locate("Bazaar.Orders"));

        Assert.Contains("Bazaar.Orders is not built", failure.Message, StringComparison.Ordinal);
        Assert.Contains("dotnet build src/Bazaar.Host", failure.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("Bazaar.Orders", "debug", "Bazaar.Orders.dll"), failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binaries_folder_overrides_the_artifacts_layout()
    {
        var published = Path.Combine(_root.FullName, "published");
        var folder = Build(Path.Combine(published, "Bazaar.Payments"), "Bazaar.Payments", appHost: false);

        var binary = new BinaryLocator(HostFolder(), published).Locate("Bazaar.Payments");
        var missing = Assert.Throws<HostStartupException>(() => new BinaryLocator(HostFolder(), published).Locate("Bazaar.Users"));

        Assert.Equal(Path.Combine(folder, "Bazaar.Payments.dll"), binary.Assembly);
        Assert.Contains("Bazaar.Users is missing from Bazaar:BinariesDir", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_native_aot_service_in_a_binaries_folder_starts_as_its_executable()
    {
        var published = Path.Combine(_root.FullName, "published");
        var folder = Directory.CreateDirectory(Path.Combine(published, "Bazaar.Payments")).FullName;
        var executable = Path.Combine(folder, OperatingSystem.IsWindows() ? "Bazaar.Payments.exe" : "Bazaar.Payments");
        File.WriteAllText(executable, "");

        var binary = new BinaryLocator(HostFolder(), published).Locate("Bazaar.Payments");
        var startInfo = binary.CreateStartInfo();

        Assert.Null(binary.Assembly);
        Assert.Equal(executable, startInfo.FileName);
        Assert.Empty(startInfo.ArgumentList);
        Assert.Equal(folder, startInfo.WorkingDirectory);
    }

    [Fact]
    public void Finds_the_real_user_service_beside_these_tests()
    {
        var binary = new BinaryLocator(AppContext.BaseDirectory, binariesDir: null).Locate("Bazaar.Users");

        Assert.True(File.Exists(binary.Assembly));
        Assert.Equal(Artifacts.FolderOf("Bazaar.Users"), binary.Directory);
    }
}
