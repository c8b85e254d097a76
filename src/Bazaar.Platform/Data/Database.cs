using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Bazaar.Platform.Data;

/// <summary>The service's own database. Repositories open a connection per unit of work and
/// write plain SQL through Dapper.</summary>
public sealed class Database(string connectionString)
{
    public string ConnectionString { get; } = connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>The connection string of the SQLite file of <paramref name="service"/> under
    /// <paramref name="dataDirectory"/>. Writers wait for each other (busy timeout) instead of
    /// failing; the pool keeps connections open across requests.</summary>
    public static string SqliteConnectionString(string dataDirectory, string service) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, service + ".db"),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();
}
