using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Bazaar.Users.Tests;

/// <summary>The user-service's own tokens verify against the JWKS it publishes, which is what every
/// other service does with them.</summary>
public sealed class TokenTests : IClassFixture<TokenTests.RealKeys>
{
    /// <summary>Validates with the service's own key store, not the test key.</summary>
    public sealed class RealKeys : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        public string DataDirectory { get; } = Directory.CreateTempSubdirectory("bazaar-test-").FullName;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
            builder.UseSetting("Bazaar:DataDir", DataDirectory).UseSetting("Logging:LogLevel:Default", "Warning");
    }

    private readonly HttpClient _client;

    public TokenTests(RealKeys service) => _client = service.CreateClient();

    [Fact]
    public async Task Register_then_login_gives_a_token_that_reads_the_profile()
    {
        var email = $"flow-{Guid.NewGuid():N}@example.com";
        var registered = await _client.PostAsJsonAsync("/api/users/register", new { email = email.ToUpperInvariant(), password = "correct horse", name = "Ann" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var login = await _client.PostAsJsonAsync("/api/users/login", new { email = "  " + email + " ", password = "correct horse" }, TestContext.Current.CancellationToken);
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("accessToken").GetString();

        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/users/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var profile = await (await _client.SendAsync(me, TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(email, profile.GetProperty("email").GetString());
        Assert.Equal("customer", profile.GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_login_token_verifies_against_the_published_key_set()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"jwks-{Guid.NewGuid():N}@example.com";
        await _client.PostAsJsonAsync("/api/users/register", new { email, password = "correct horse", name = "Ann" }, ct);
        var login = await (await _client.PostAsJsonAsync("/api/users/login", new { email, password = "correct horse" }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        var token = login.GetProperty("accessToken").GetString()!;

        var jwks = new JsonWebKeySet(await _client.GetStringAsync("/.well-known/jwks.json", ct));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "bazaar-user-service",
            ValidAudience = "bazaar",
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("ES256", ((JsonWebToken)result.SecurityToken).Alg);
        Assert.Equal(900, login.GetProperty("expiresIn").GetInt32());
        Assert.Single(jwks.Keys);
        Assert.Null(jwks.Keys[0].D); // never the private part
    }
}
