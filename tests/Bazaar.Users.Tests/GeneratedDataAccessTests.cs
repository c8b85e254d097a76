using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Platform.Auth;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Users.Tests;

// Alone: Dapper's query cache is process-wide.
[CollectionDefinition(nameof(DapperCache), DisableParallelization = true)]
public sealed class DapperCache;

/// <summary>Every query the user flows make is generated at compile time (<see cref="DapperRuntimePath"/>).</summary>
[Collection(nameof(DapperCache))]
public sealed class GeneratedDataAccessTests(UsersFactory service) : IClassFixture<UsersFactory>
{
    private const string Addresses = "/api/users/me/addresses";

    [Fact]
    public async Task Every_query_of_the_account_flows_is_generated_at_compile_time()
    {
        var ct = TestContext.Current.CancellationToken;
        var anonymous = service.CreateClient();
        _ = service.Services; // started, migrated and seeded before the cache is emptied
        DapperRuntimePath.Reset();

        var email = UsersFactory.UniqueEmail();
        var tokens = await service.SignUpAsync(email);
        var wrongPassword = await anonymous.PostAsJsonAsync("/api/users/login", new { email, password = "not the password" }, ct);
        var client = service.ClientWith(tokens.AccessToken);
        await client.GetAsync("/api/users/me", ct);
        await client.PutAsJsonAsync("/api/users/me", new { name = "Ann Baker", phone = "+4915112345678" }, ct);
        var added = await client.PostAsJsonAsync(Addresses, Address("Home"), ct);
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        await client.PutAsJsonAsync($"{Addresses}/{id}", Address("Home 2"), ct);
        await client.GetAsync(Addresses, ct);
        await client.DeleteAsync($"{Addresses}/{id}", ct);
        var refreshed = await anonymous.PostAsJsonAsync("/api/users/refresh", new { refreshToken = tokens.RefreshToken }, ct);
        var reused = await anonymous.PostAsJsonAsync("/api/users/refresh", new { refreshToken = tokens.RefreshToken }, ct);
        await anonymous.PostAsJsonAsync("/api/users/logout", new { refreshToken = tokens.RefreshToken }, ct);
        var admin = service.ClientFor(Guid.NewGuid(), Roles.Admin);
        await admin.PostAsync("/api/users/admin/keys/rotate", null, ct);
        await anonymous.GetAsync("/.well-known/jwks.json", ct);
        var ready = await anonymous.GetAsync("/health/ready", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Empty(DapperRuntimePath.Statements());
    }

    private static object Address(string name) =>
        new { name, line1 = "Hauptstr. 1", city = "Berlin", postalCode = "10115", country = "de", phone = "+4930123456", isDefault = true };
}
