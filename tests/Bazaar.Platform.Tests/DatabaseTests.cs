using Bazaar.Platform.Data;
using Dapper;
using FluentMigrator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Platform.Tests;

[Migration(1)]
public sealed class CreateThings : Migration
{
    public override void Up() => Create.Table("things")
        .WithColumn("id").AsString(36).PrimaryKey()
        .WithColumn("price").AsString(40).NotNullable()
        .WithColumn("at").AsString(40).NotNullable();

    public override void Down() => Delete.Table("things");
}

public sealed class DatabaseTests
{
    private sealed record Thing(Guid Id, decimal Price, DateTimeOffset At);

    /// <summary>Writers wait for the lock inside SQLite (short back-offs from 1 ms), not in
    /// Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms per try; a connection taken again
    /// from the pool keeps waiting the same way.</summary>
    [Fact]
    public async Task Every_connection_waits_for_a_busy_database_inside_sqlite()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = new Database(Database.SqliteConnectionString(Directory.CreateTempSubdirectory("bazaar-db-").FullName, "busy"));

        for (var open = 0; open < 2; open++)
        {
            await using var connection = await database.OpenAsync(ct);
            Assert.Equal(Database.CommandTimeoutSeconds * 1000, await connection.ExecuteScalarAsync<int>("PRAGMA busy_timeout"));
        }
    }

    [Fact]
    public async Task The_schema_is_migrated_before_requests_and_values_round_trip_exactly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await TestApp.StartAsync(_ => { }, configure: builder => builder.AddBazaarDatabase(typeof(DatabaseTests).Assembly));
        var database = app.Services.GetRequiredService<Database>();

        var thing = new Thing(Guid.CreateVersion7(), 1234567.8901m, new DateTimeOffset(2026, 11, 24, 23, 59, 59, 123, TimeSpan.Zero));
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync("INSERT INTO things (id, price, at) VALUES (@Id, @Price, @At)", thing);
        var read = await connection.QuerySingleAsync<Thing>("SELECT id AS Id, price AS Price, at AS At FROM things WHERE id = @id", new { id = thing.Id });

        Assert.Equal(thing, read);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.Client.GetAsync("/health/ready", ct)).StatusCode);
    }

    [Fact]
    public async Task Starting_again_on_the_same_file_keeps_the_data()
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("bazaar-db-").FullName;
        var settings = new Dictionary<string, string?> { ["Bazaar:DataDir"] = directory };
        var id = Guid.CreateVersion7();
        await using (var app = await TestApp.StartAsync(_ => { }, settings, b => b.AddBazaarDatabase(typeof(DatabaseTests).Assembly)))
        {
            await using var connection = await app.Services.GetRequiredService<Database>().OpenAsync(ct);
            await connection.ExecuteAsync("INSERT INTO things (id, price, at) VALUES (@id, '1', '2026')", new { id });
        }
        await using (var again = await TestApp.StartAsync(_ => { }, settings, b => b.AddBazaarDatabase(typeof(DatabaseTests).Assembly)))
        {
            await using var connection = await again.Services.GetRequiredService<Database>().OpenAsync(ct);
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM things WHERE id = @id", new { id }));
        }
    }
}

public sealed class ConcurrentMigrationTests
{
    [Fact]
    public async Task Replicas_starting_together_on_a_fresh_file_migrate_it_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("bazaar-db-").FullName;
        var settings = new Dictionary<string, string?> { ["Bazaar:DataDir"] = directory };

        var replicas = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
            TestApp.StartAsync(_ => { }, settings, b => b.AddBazaarDatabase(typeof(DatabaseTests).Assembly)), ct)));
        try
        {
            foreach (var replica in replicas)
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, (await replica.Client.GetAsync("/health/ready", ct)).StatusCode);
            }
            await using var connection = await replicas[0].Services.GetRequiredService<Database>().OpenAsync(ct);
            Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM VersionInfo"));
        }
        finally
        {
            foreach (var replica in replicas) await replica.DisposeAsync();
        }
    }
}
