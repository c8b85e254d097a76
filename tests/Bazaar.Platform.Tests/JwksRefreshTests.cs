using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Bazaar.Platform.Auth;
using Bazaar.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Bazaar.Platform.Tests;

/// <summary>A service validates tokens with the keys the user-service publishes, and picks up a
/// newly published key when a token names it, without a restart.</summary>
public sealed class JwksRefreshTests
{
    private static ECDsaSecurityKey NewKey(string kid) => new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = kid };

    private static string Jwks(IEnumerable<ECDsaSecurityKey> keys) => System.Text.Json.JsonSerializer.Serialize(new
    {
        keys = keys.Select(key =>
        {
            var p = key.ECDsa.ExportParameters(false);
            return new { kty = "EC", crv = "P-256", x = Base64Url.EncodeToString(p.Q.X), y = Base64Url.EncodeToString(p.Q.Y), kid = key.KeyId, use = "sig", alg = "ES256" };
        }),
    });

    [Fact]
    public async Task A_token_signed_by_a_newly_published_key_is_accepted_after_a_refresh()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = NewKey("k1");
        var second = NewKey("k2");
        var published = new List<ECDsaSecurityKey> { first };

        var issuerBuilder = WebApplication.CreateSlimBuilder();
        issuerBuilder.Logging.ClearProviders();
        issuerBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var issuer = issuerBuilder.Build();
        issuer.MapGet("/jwks", () => Results.Text(Jwks(published.ToArray()), "application/json"));
        await issuer.StartAsync(ct);

        await using var service = await TestApp.StartAsync(
            app => app.MapGet("/whoami", (System.Security.Claims.ClaimsPrincipal user) => user.UserId().ToString()).RequireAuthorization(),
            new Dictionary<string, string?> { ["Bazaar:Auth:JwksUrl"] = issuer.Urls.First() + "/jwks" });

        var tokens = new TestTokens();
        var user = Guid.NewGuid();
        async Task<HttpStatusCode> CallWith(ECDsaSecurityKey key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Issue(user, signWith: key));
            return (await service.Client.SendAsync(request, ct)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await CallWith(first));
        Assert.Equal(HttpStatusCode.Unauthorized, await CallWith(NewKey("never-published")));

        published.Add(second);
        var status = HttpStatusCode.Unauthorized;
        for (var attempt = 0; attempt < 20 && status != HttpStatusCode.OK; attempt++)
        {
            status = await CallWith(second);
            if (status != HttpStatusCode.OK) await Task.Delay(250, ct); // refreshes are at most one a second
        }
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, await CallWith(first));
    }
}
