using Bazaar.Testing;
using Microsoft.Data.Sqlite;

namespace Bazaar.Payments.Tests;

/// <summary>The payment-service with a slow card that is only a little slow, and direct access to
/// its SQLite file for checks the API cannot make.</summary>
public sealed class PaymentsFactory : ServiceFactory<Program>
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Payments:SlowCardDelay", "00:00:00.050")];

    public SqliteConnection OpenDatabase()
    {
        _ = Services; // starts the service, and with it the migrations
        var file = Directory.GetFiles(DataDirectory, "*.db").Single();
        var connection = new SqliteConnection($"Data Source={file}");
        connection.Open();
        return connection;
    }
}
