using Bazaar.Platform.Data;
using Dapper;
using FluentMigrator.Runner;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Catalog.Tests;

/// <summary>Data written under an older schema survives the later migrations with its meaning.</summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bazaar-migration-").FullName;

    private string ConnectionString => Database.SqliteConnectionString(_directory, "catalog");

    private void MigrateTo(long? version)
    {
        using var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner => runner.AddSQLite().WithGlobalConnectionString(ConnectionString).ScanIn(typeof(Program).Assembly).For.Migrations())
            .BuildServiceProvider();
        using var scope = services.CreateScope();
        var migrator = scope.ServiceProvider.GetRequiredService<IMigrationRunner>();
        if (version is { } target) migrator.MigrateUp(target);
        else migrator.MigrateUp();
    }

    [Fact]
    public async Task Old_statuses_prices_and_reservations_carry_over()
    {
        MigrateTo(2);
        var database = new Database(ConnectionString);
        await using (var connection = await database.OpenAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync("""
                INSERT INTO products (id, sku, name, brand, description, category_id, price_amount, currency, image_url, attributes, status, created_at)
                VALUES ('A', 'OLD-1', 'Old lamp', 'Lumen', 'd', 'C', '12.5', 'USD', 'https://img.example.com/1.jpg', '{}', 'Active', '2020-01-01 00:00:00.0000000+00:00'),
                       ('B', 'OLD-2', 'Gone lamp', 'Lumen', 'd', 'C', '9.99', 'USD', NULL, '{}', 'Discontinued', '2020-01-01 00:00:00.0000000+00:00');
                INSERT INTO reservations (id, status, created_at, updated_at) VALUES ('R', 'Reserved', '2020-01-01', '2020-01-01');
                """);
        }

        MigrateTo(null);

        await using var migrated = await database.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["active", "archived"], await migrated.QueryAsync<string>("SELECT status FROM products ORDER BY sku"));
        Assert.Equal("[\"https://img.example.com/1.jpg\"]", await migrated.ExecuteScalarAsync<string>("SELECT image_urls FROM products WHERE sku = 'OLD-1'"));
        Assert.Equal("12.5", await migrated.ExecuteScalarAsync<string>("SELECT list_price FROM prices WHERE sku = 'OLD-1'"));
        Assert.Equal(12.5, await migrated.ExecuteScalarAsync<double>("SELECT amount FROM current_prices WHERE sku = 'OLD-1'"));
        Assert.Equal(1, await migrated.ExecuteScalarAsync<long>("SELECT count(*) FROM products_fts WHERE products_fts MATCH 'lamp' AND brand = 'Lumen' AND name = 'Gone lamp'"));
        Assert.Null(await migrated.ExecuteScalarAsync<string?>("SELECT expires_at FROM reservations WHERE id = 'R'"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
