using System.Globalization;
using Bazaar.Platform.Data;
using Dapper;
using FluentMigrator.Runner;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Carts.Tests;

/// <summary>A database written by the first cart-service (M001, lines per user) keeps every cart.</summary>
public sealed class MigrationTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static void Migrate(string connectionString, Action<IMigrationRunner> migrate)
    {
        using var services = new ServiceCollection().AddFluentMigratorCore()
            .ConfigureRunner(runner => runner.AddSQLite().WithGlobalConnectionString(connectionString).ScanIn(typeof(Program).Assembly).For.Migrations())
            .BuildServiceProvider();
        using var scope = services.CreateScope();
        migrate(scope.ServiceProvider.GetRequiredService<IMigrationRunner>());
    }

    /// <summary>Rows exactly as M001's repository wrote them (upper-case Guid text, UTC time text).</summary>
    private static async Task InsertM001LineAsync(string connectionString, Guid userId, string sku, int quantity)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.ExecuteAsync(
            "INSERT INTO cart_items (user_id, sku, quantity, updated_at) VALUES (@user, @sku, @quantity, @at)",
            new { user = userId.ToString().ToUpperInvariant(), sku, quantity, at = Now.ToString("yyyy-MM-dd HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture) });
    }

    [Fact]
    public async Task The_service_upgrades_an_M001_database_without_losing_a_user_cart()
    {
        using var service = new CartFactory();
        var connectionString = Database.SqliteConnectionString(service.DataDirectory, "cart-service");
        Migrate(connectionString, runner => runner.MigrateUp(1));
        var ann = Guid.CreateVersion7();
        var bob = Guid.CreateVersion7();
        var mug = service.Catalog.Add();
        var pen = service.Catalog.Add();
        await InsertM001LineAsync(connectionString, ann, mug.Sku, 2);
        await InsertM001LineAsync(connectionString, ann, pen.Sku, 5);
        await InsertM001LineAsync(connectionString, bob, mug.Sku, 1);

        var annsCart = await service.ClientFor(ann).CartAsync();
        var bobsCart = await service.ClientFor(bob).CartAsync();
        await service.ClientFor(ann).PutOkAsync(mug.Sku, 3);

        Assert.Equal(new Dictionary<string, int> { [mug.Sku] = 2, [pen.Sku] = 5 }, annsCart.Quantities());
        Assert.Equal(new Dictionary<string, int> { [mug.Sku] = 1 }, bobsCart.Quantities());
        Assert.Equal(new Dictionary<string, int> { [mug.Sku] = 3, [pen.Sku] = 5 }, (await service.ClientFor(ann).CartAsync()).Quantities());
    }

    [Fact]
    public async Task Migrating_down_gives_the_user_carts_back_as_M001_lines()
    {
        var directory = Directory.CreateTempSubdirectory("bazaar-test-").FullName;
        try
        {
            var connectionString = Database.SqliteConnectionString(directory, "cart-service");
            Migrate(connectionString, runner => runner.MigrateUp(1));
            var userId = Guid.CreateVersion7();
            await InsertM001LineAsync(connectionString, userId, "SKU-1", 4);
            Migrate(connectionString, runner => runner.MigrateUp());
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.ExecuteAsync("INSERT INTO carts (id, user_id, updated_at) VALUES ('anonymous', NULL, '2025-01-01')");
                await connection.ExecuteAsync("INSERT INTO cart_lines (cart_id, sku, quantity) VALUES ('anonymous', 'SKU-2', 1)");
            }

            Migrate(connectionString, runner => runner.MigrateDown(1));

            await using var check = new SqliteConnection(connectionString);
            var rows = (await check.QueryAsync<(string, string, long)>("SELECT user_id, sku, quantity FROM cart_items")).ToList();
            Assert.Equal([(userId.ToString().ToUpperInvariant(), "SKU-1", 4L)], rows);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
