using Bazaar.Platform.Data;
using Dapper;
using FluentMigrator.Runner;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Messaging.Tests;

/// <summary>A service database in a temporary folder, migrated with the messaging migrations the
/// way AddBazaarDatabase does, plus a <c>effects</c> table that test handlers write to.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("bazaar-messaging-").FullName;
        Database = new Database(Database.SqliteConnectionString(Directory, "service"));
        using var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner => runner.AddSQLite().WithGlobalConnectionString(Database.ConnectionString).ScanIn(MessagingAssembly.Migrations).For.Migrations())
            .BuildServiceProvider();
        using (var scope = services.CreateScope()) scope.ServiceProvider.GetRequiredService<IMigrationRunner>().MigrateUp();
        using var connection = new SqliteConnection(Database.ConnectionString);
        connection.Open();
        connection.Execute("PRAGMA journal_mode=WAL; CREATE TABLE effects (event_id TEXT NOT NULL, note TEXT NOT NULL);");
    }

    public string Directory { get; }

    public Database Database { get; }

    public string EventsPath => Path.Combine(Directory, "events.db");

    public async Task<long> CountAsync(string sql, object? parameters = null)
    {
        await using var connection = await Database.OpenAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* a pooled handle of another test may linger; the temp folder is disposable */ }
    }
}
