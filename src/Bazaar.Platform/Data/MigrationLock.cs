using Microsoft.Data.Sqlite;

namespace Bazaar.Platform.Data;

/// <summary>An exclusive lock on a file beside the database, held while migrating. The operating
/// system releases it when the holder exits, however it exits, so a crashed replica never blocks
/// the next one.</summary>
internal static class MigrationLock
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(50);

    public static async Task<FileStream> AcquireAsync(Database database, CancellationToken cancellationToken)
    {
        var path = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource + ".migrate.lock";
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(RetryEvery, cancellationToken);
            }
        }
    }
}
