namespace Bazaar.Recommendations.Tests;

/// <summary>A data folder that several service instances share (replicas of one service, or an
/// instance and its restart), deleted on dispose once SQLite's pooled connections to its files are
/// closed. Declare it before the factories that use it, so it is disposed after them.</summary>
internal sealed class SharedDataFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("bazaar-test-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
