using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using Dapper;
using FluentMigrator.Runner;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bazaar.Platform.Data;

public static class DatabaseExtensions
{
    /// <summary>Gives the service its own SQLite database (<c>ConnectionStrings:Database</c>, or
    /// <c>&lt;Bazaar:DataDir&gt;/&lt;service&gt;.db</c>), migrated to the newest schema from the
    /// FluentMigrator migrations in <paramref name="migrations"/> before the server accepts a
    /// request, and a readiness check that the database answers. A shared library that owns
    /// tables in every service's database (the messaging outbox and inbox) passes its assembly
    /// too; its migrations use version numbers of their own range.</summary>
    public static WebApplicationBuilder AddBazaarDatabase(this WebApplicationBuilder builder, params Assembly[] migrations)
    {
        // Dapper's runtime path (calls Dapper.AOT does not generate) emits IL, so it exists only
        // where dynamic code does; a Native AOT build runs generated calls alone.
        if (RuntimeFeature.IsDynamicCodeSupported) SqliteTypeHandlers.Register();
        var identity = ServiceIdentity.From(builder.Configuration, builder.Environment.ApplicationName);
        var connectionString = builder.Configuration.GetConnectionString("Database");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var dataDirectory = Path.GetFullPath(builder.Configuration["Bazaar:DataDir"] ?? ".bazaar");
            Directory.CreateDirectory(dataDirectory);
            connectionString = Database.SqliteConnectionString(dataDirectory, identity.Service);
        }

        var database = new Database(connectionString);
        builder.Services.AddSingleton(database);
        builder.Services.AddHostedService(services => new DatabaseMigrator(database, migrations, services.GetRequiredService<ILogger<DatabaseMigrator>>()));
        builder.Services.AddHealthChecks().AddCheck("database", new DatabaseHealthCheck(database), tags: [Health.HealthExtensions.ReadyTag]);
        return builder;
    }

    private sealed class DatabaseHealthCheck(Database database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var connection = await database.OpenAsync(cancellationToken);
                await connection.ExecuteScalarAsync<int>("SELECT 1", new { cancellationToken });
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is SqliteException or InvalidOperationException or IOException)
            {
                return HealthCheckResult.Unhealthy("database unreachable", exception);
            }
        }
    }

    /// <summary>Runs before the server starts (IHostedLifecycleService.StartingAsync), so no
    /// request ever meets an old schema.</summary>
    private sealed class DatabaseMigrator(Database database, Assembly[] migrations, ILogger<DatabaseMigrator> logger) : IHostedLifecycleService
    {
        // FluentMigrator finds the SQLite driver by name and reads SqliteFactory.Instance by
        // reflection: a trimmed (Native AOT) build must keep that field.
        [DynamicDependency(DynamicallyAccessedMemberTypes.PublicFields, typeof(SqliteFactory))]
        public async Task StartingAsync(CancellationToken cancellationToken)
        {
            // Replicas of one service share the file; one migrates while the others wait, then
            // find the schema current.
            await using var migrationLock = await MigrationLock.AcquireAsync(database, cancellationToken);
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                // WAL lets readers run beside the one writer; it is a property of the file, kept across opens.
                await connection.ExecuteAsync("PRAGMA journal_mode=WAL;");
            }

            using var runnerServices = new ServiceCollection()
                .AddFluentMigratorCore()
                .ConfigureRunner(runner => runner.AddSQLite().WithGlobalConnectionString(database.ConnectionString).ScanIn(migrations).For.Migrations())
                .BuildServiceProvider();
            using var scope = runnerServices.CreateScope();
            scope.ServiceProvider.GetRequiredService<IMigrationRunner>().MigrateUp();
            logger.LogInformation("Database schema is current");
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
