using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Platform.Auth;
using Bazaar.Testing;
using Bazaar.Users.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Bazaar.Users.Tests;

/// <summary>A service whose keys are published one minute before they sign, rotating hourly; its
/// timer checks hourly too, so the tests alone decide when keys change.</summary>
public sealed class RotatingKeysFactory : UsersFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Users:Keys:PublishAhead", "00:01:00"),
        new("Users:Keys:RotationPeriod", "01:00:00"),
        new("Users:Keys:CheckInterval", "01:00:00"),
    ];
}

public sealed class KeyRotationTests(RotatingKeysFactory service) : IClassFixture<RotatingKeysFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private async Task<JsonWebKeySet> JwksAsync() =>
        new(await _client.GetStringAsync("/.well-known/jwks.json", TestContext.Current.CancellationToken));

    private static string[] Kids(JsonWebKeySet jwks) => [.. jwks.Keys.Select(key => key.Kid).Order(StringComparer.Ordinal)];

    /// <summary>Whether the token's signature verifies against the key set (its lifetime is not
    /// the question here: the test clock is not the wall clock).</summary>
    private static async Task<bool> VerifiesAsync(string token, JsonWebKeySet jwks) =>
        (await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "bazaar-user-service",
            ValidAudience = "bazaar",
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidateLifetime = false,
        })).IsValid;

    [Fact]
    public async Task A_new_key_is_published_before_it_signs_and_the_old_one_stays_until_its_tokens_expire()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = UsersFactory.UniqueEmail();
        var before = await service.SignUpAsync(email);
        var oldKid = new JsonWebToken(before.AccessToken).Kid;
        Assert.Equal(new[] { oldKid }, Kids(await JwksAsync()));

        var admin = service.ClientFor(Guid.NewGuid(), Roles.Admin);
        var rotation = await (await admin.PostAsync("/api/users/admin/keys/rotate", null, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        var newKid = rotation.GetProperty("nextKid").GetString()!;
        Assert.Equal(oldKid, rotation.GetProperty("activeKid").GetString());
        Assert.NotEqual(oldKid, newKid);

        // Published, not yet signing; asking again while it is pending changes nothing.
        Assert.Equal(new[] { oldKid, newKid }.Order(StringComparer.Ordinal), Kids(await JwksAsync()));
        Assert.Equal(oldKid, new JsonWebToken((await service.LoginAsync(email, UsersFactory.Password)).AccessToken).Kid);
        var again = await (await admin.PostAsync("/api/users/admin/keys/rotate", null, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(newKid, again.GetProperty("nextKid").GetString());

        service.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = await service.LoginAsync(email, UsersFactory.Password);
        Assert.Equal(newKid, new JsonWebToken(after.AccessToken).Kid);

        // The retired key still verifies the tokens it signed, here and for every other service.
        var jwks = await JwksAsync();
        Assert.Equal(2, jwks.Keys.Count);
        Assert.True(await VerifiesAsync(before.AccessToken, jwks));
        Assert.True(await VerifiesAsync(after.AccessToken, jwks));
        Assert.Equal(HttpStatusCode.OK, (await service.ClientWith(before.AccessToken).GetAsync("/api/users/me", ct)).StatusCode);

        // An access-token lifetime after retirement no token of the old key is valid: it goes.
        service.Clock.Advance(TimeSpan.FromMinutes(15));
        jwks = await JwksAsync();
        Assert.Equal(new[] { newKid }, Kids(jwks));
        Assert.False(await VerifiesAsync(before.AccessToken, jwks));
        Assert.True(await VerifiesAsync(after.AccessToken, jwks));
    }

    [Fact]
    public async Task Only_an_admin_may_rotate()
    {
        var ct = TestContext.Current.CancellationToken;
        var anonymous = await _client.PostAsync("/api/users/admin/keys/rotate", null, ct);
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);

        var customer = await service.ClientFor(Guid.NewGuid()).PostAsync("/api/users/admin/keys/rotate", null, ct);
        await customer.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}

/// <summary>The scheduled rotation, driven directly rather than by the background timer.</summary>
public sealed class ScheduledKeyRotationTests(RotatingKeysFactory service) : IClassFixture<RotatingKeysFactory>
{
    [Fact]
    public async Task A_successor_is_scheduled_a_publish_ahead_before_the_rotation_period_ends()
    {
        var ct = TestContext.Current.CancellationToken;
        service.CreateClient().Dispose(); // starts the service
        var keys = service.Services.GetRequiredService<SigningKeyStore>();
        var active = keys.Active.Kid;

        service.Clock.Advance(TimeSpan.FromMinutes(58));
        Assert.Null(await keys.RotateAsync(force: false, ct));
        Assert.Single(keys.Published);

        service.Clock.Advance(TimeSpan.FromMinutes(1));
        var next = await keys.RotateAsync(force: false, ct);
        Assert.NotNull(next);
        Assert.Equal(service.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), next.ActivatesAt);
        Assert.Equal(active, keys.Active.Kid);
        Assert.Equal(2, keys.Published.Count);

        // A second replica (or the timer) checking again creates no second successor.
        Assert.Equal(next.Kid, (await keys.RotateAsync(force: false, ct))?.Kid);
        Assert.Equal(2, keys.Published.Count);

        service.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(next.Kid, keys.Active.Kid);
    }
}
