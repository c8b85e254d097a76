using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Bazaar.Platform.Data;

/// <summary>The service's own database. Repositories open a connection per unit of work and
/// write plain SQL through Dapper.</summary>
public sealed class Database(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await OpenSqliteAsync(ConnectionString, cancellationToken);

    /// <summary>Opens a SQLite connection whose writers wait for the lock inside SQLite. Without
    /// a busy timeout SQLite answers "busy" at once, and Microsoft.Data.Sqlite then sleeps 150 ms
    /// before each retry: every time two writers met, one stalled for at least 150 ms. SQLite's own
    /// handler retries after 1, 2, 5, 10 ... ms, up to the same 30 s as <see cref="CommandTimeoutSeconds"/>.</summary>
    public static async Task<SqliteConnection> OpenSqliteAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var busyTimeout = connection.CreateCommand();
            busyTimeout.CommandText = BusyTimeoutPragma;
            await busyTimeout.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>How long a statement waits for another connection's lock before failing.</summary>
    public const int CommandTimeoutSeconds = 30;

    private const string BusyTimeoutPragma = "PRAGMA busy_timeout = 30000;";

    /// <summary>The connection string of the SQLite file of <paramref name="service"/> under
    /// <paramref name="dataDirectory"/>. Writers wait for each other (busy timeout) instead of
    /// failing; the pool keeps connections open across requests.</summary>
    public static string SqliteConnectionString(string dataDirectory, string service) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, service + ".db"),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = CommandTimeoutSeconds,
    }.ToString();
}
