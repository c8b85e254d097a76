using Bazaar.Host.Configuration;

namespace Bazaar.Host.Tests.Support;

/// <summary>A data folder of its own for one test, removed afterwards.</summary>
internal sealed class TemporaryDataDir : IDisposable
{
    public TemporaryDataDir()
    {
        Paths = new HostPaths(Directory.CreateTempSubdirectory("bazaar-host-test-").FullName);
        Paths.EnsureCreated();
    }

    public HostPaths Paths { get; }

    public string Path => Paths.DataDir;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A replica still closing its log; the temp folder is cleaned by the OS eventually.
        }
    }
}
