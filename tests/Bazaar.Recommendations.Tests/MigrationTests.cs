using Bazaar.Platform.Data;
using Dapper;
using FluentMigrator.Runner;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary>M002 drops the order-id inbox M001 made (purchases now go through the event inbox); M003
/// turns the counts into decayed weights, pairs stored once. Both keep the counts, up and down. M005
/// adds the view tables and takes them away again.</summary>
public sealed class MigrationTests
{
    private static void Migrate(string connectionString, Action<IMigrationRunner> migrate)
    {
        using var services = new ServiceCollection().AddFluentMigratorCore()
            .ConfigureRunner(runner => runner.AddSQLite().WithGlobalConnectionString(connectionString).ScanIn(typeof(Program).Assembly).For.Migrations())
            .BuildServiceProvider();
        using var scope = services.CreateScope();
        migrate(scope.ServiceProvider.GetRequiredService<IMigrationRunner>());
    }

    private static async Task<bool> TableExistsAsync(string connectionString, string table)
    {
        await using var connection = new SqliteConnection(connectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @table", new { table }) == 1;
    }

    [Fact]
    public async Task The_counts_survive_the_migrations_up_and_down()
    {
        var directory = Directory.CreateTempSubdirectory("bazaar-test-").FullName;
        try
        {
            var connectionString = Database.SqliteConnectionString(directory, "recommendation-service");
            Migrate(connectionString, runner => runner.MigrateUp(1));
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.ExecuteAsync("INSERT INTO processed_orders (order_id, processed_at) VALUES ('o-1', '2026-01-01')");
                await connection.ExecuteAsync("INSERT INTO popularity (sku, purchases) VALUES ('SKU-1', 4)");
                await connection.ExecuteAsync("INSERT INTO co_purchases (sku, other_sku, together) VALUES ('SKU-1', 'SKU-2', 3), ('SKU-2', 'SKU-1', 3)");
            }

            Migrate(connectionString, runner => runner.MigrateUp());
            var droppedOnUp = !await TableExistsAsync(connectionString, "processed_orders");
            var viewsOnUp = await TableExistsAsync(connectionString, "pair_views") && await TableExistsAsync(connectionString, "session_views");
            await using (var up = new SqliteConnection(connectionString))
            {
                Assert.Equal(4.0, await up.ExecuteScalarAsync<double>("SELECT weight FROM item_sales WHERE sku = 'SKU-1'"));
                Assert.Equal("SKU-1 SKU-2 3", await up.ExecuteScalarAsync<string>("SELECT first_sku || ' ' || second_sku || ' ' || CAST(weight AS INTEGER) FROM pair_sales"));
                Assert.Equal(1L, await up.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pair_sales"));
            }
            Migrate(connectionString, runner => runner.MigrateDown(1));

            Assert.True(droppedOnUp);
            Assert.True(viewsOnUp);
            Assert.False(await TableExistsAsync(connectionString, "pair_views"));
            Assert.True(await TableExistsAsync(connectionString, "processed_orders"));
            await using var check = new SqliteConnection(connectionString);
            Assert.Equal(4L, await check.ExecuteScalarAsync<long>("SELECT purchases FROM popularity WHERE sku = 'SKU-1'"));
            Assert.Equal(6L, await check.ExecuteScalarAsync<long>("SELECT SUM(together) FROM co_purchases"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
