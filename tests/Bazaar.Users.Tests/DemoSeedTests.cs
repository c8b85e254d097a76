using System.Net;
using System.Net.Http.Json;
using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Users.Tests;

public sealed class DemoSeedTests
{
    /// <summary>Seeds <paramref name="users"/> demo accounts; null leaves the service's default.</summary>
    private sealed class SeededFactory(int? users, string? dataDirectory = null) : UsersFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [
            .. users is null ? [] : new KeyValuePair<string, string?>[] { new("Users:Seed:Users", users.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
            new("Users:Seed:Password", "demo-secret"),
            .. dataDirectory is null ? [] : new KeyValuePair<string, string?>[] { new("Bazaar:DataDir", dataDirectory) },
        ];

        public async Task<long> DemoAccountsAsync()
        {
            CreateClient().Dispose(); // starts the service, and with it the seeding
            await using var connection = await Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken);
            return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM accounts WHERE email LIKE 'demo-%@bazaar.test'");
        }
    }

    [Fact]
    public async Task Demo_accounts_are_created_once_with_the_configured_password()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = new SeededFactory(1203);
        Assert.Equal(1203, await first.DemoAccountsAsync());

        var client = first.CreateClient();
        foreach (var email in new[] { "demo-00001@bazaar.test", "demo-01203@bazaar.test" })
        {
            var login = await client.PostAsJsonAsync("/api/users/login", new { email, password = "demo-secret" }, ct);
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
        var beyond = await client.PostAsJsonAsync("/api/users/login", new { email = "demo-01204@bazaar.test", password = "demo-secret" }, ct);
        Assert.Equal(HttpStatusCode.Unauthorized, beyond.StatusCode);

        // A restart (here: a second replica on the same database, asking for more) adds nobody.
        await using var restarted = new SeededFactory(2000, first.DataDirectory);
        Assert.Equal(1203, await restarted.DemoAccountsAsync());
    }

    [Fact]
    public async Task No_demo_accounts_by_default()
    {
        await using var service = new SeededFactory(users: null);
        Assert.Equal(0, await service.DemoAccountsAsync());
    }
}
