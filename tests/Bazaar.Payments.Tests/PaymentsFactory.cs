using Bazaar.Testing;
using Microsoft.Data.Sqlite;

namespace Bazaar.Payments.Tests;

/// <summary>The payment-service with a slow card that is only a little slow.</summary>
public sealed class PaymentsFactory : ServiceFactoryWithDatabase
{
    // The sweeper's own period is long: tests that need a sweep trigger it (ScriptedPaymentsFactory).
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Payments:SlowCardDelay", "00:00:00.050"), new("Payments:Sweeper:Interval", "01:00:00")];
}

/// <summary>The payment-service with direct access to its SQLite file for checks the API cannot make.</summary>
public abstract class ServiceFactoryWithDatabase : ServiceFactory<Program>
{
    public SqliteConnection OpenDatabase()
    {
        _ = Services; // starts the service, and with it the migrations
        var file = Directory.GetFiles(DataDirectory, "*.db").Single();
        var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        return connection;
    }
}
