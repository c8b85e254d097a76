using System.Net;
using System.Net.Http.Json;
using System.Text;
using Bazaar.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit;

namespace Bazaar.Users.Tests;

public sealed class SessionTests(UsersFactory service) : IClassFixture<UsersFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        _client.PostAsJsonAsync("/api/users/refresh", new { refreshToken }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Login_answers_an_access_token_and_an_opaque_refresh_token()
    {
        var tokens = await service.SignUpAsync();

        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(900, tokens.ExpiresIn);
        Assert.Equal(30 * 24 * 3600, tokens.RefreshExpiresIn);
        Assert.Equal(43, tokens.RefreshToken.Length); // 32 bytes, base64url without padding
        Assert.DoesNotContain('.', tokens.RefreshToken);
    }

    [Fact]
    public async Task Refresh_answers_a_new_pair_and_uses_the_old_token_up()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await service.SignUpAsync();

        var refreshed = await RefreshAsync(first.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = (await refreshed.Content.ReadFromJsonAsync<UsersFactory.LoginTokens>(ct))!;
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(30 * 24 * 3600, second.RefreshExpiresIn);

        var me = await service.ClientWith(second.AccessToken).GetAsync("/api/users/me", ct);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        var third = await RefreshAsync(second.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task Reusing_a_rotated_token_revokes_the_whole_family()
    {
        var ct = TestContext.Current.CancellationToken;
        var login = await service.SignUpAsync();
        var newest = (await (await RefreshAsync(login.RefreshToken)).Content.ReadFromJsonAsync<UsersFactory.LoginTokens>(ct))!;

        var replay = await RefreshAsync(login.RefreshToken);
        await replay.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-refresh-token");

        // The thief may hold the newest token: it stops working too.
        var afterReplay = await RefreshAsync(newest.RefreshToken);
        await afterReplay.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-refresh-token");
    }

    [Fact]
    public async Task Revoking_one_login_leaves_the_other_logins_of_the_user_alone()
    {
        var email = UsersFactory.UniqueEmail();
        var phone = await service.SignUpAsync(email);
        var laptop = await service.LoginAsync(email, UsersFactory.Password);

        await RefreshAsync(phone.RefreshToken);
        await RefreshAsync(phone.RefreshToken); // reuse: the phone's family goes

        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(laptop.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Logout_revokes_the_login_and_answers_204_even_for_unknown_tokens()
    {
        var ct = TestContext.Current.CancellationToken;
        var login = await service.SignUpAsync();
        var newest = (await (await RefreshAsync(login.RefreshToken)).Content.ReadFromJsonAsync<UsersFactory.LoginTokens>(ct))!;

        // Logging out with an older token of the login ends the login as a whole.
        var logout = await _client.PostAsJsonAsync("/api/users/logout", new { refreshToken = login.RefreshToken }, ct);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await (await RefreshAsync(newest.RefreshToken)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-refresh-token");

        var unknown = await _client.PostAsJsonAsync("/api/users/logout", new { refreshToken = "no-such-token" }, ct);
        Assert.Equal(HttpStatusCode.NoContent, unknown.StatusCode);
    }

    [Theory]
    [InlineData("/api/users/refresh", "{}")]
    [InlineData("/api/users/refresh", "{\"refreshToken\": 5}")]
    [InlineData("/api/users/logout", "{}")]
    public async Task Refresh_and_logout_need_a_token_in_the_body(string path, string body)
    {
        var response = await _client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_refresh_token_is_a_401()
    {
        var response = await RefreshAsync("bm90IGEgcmVhbCB0b2tlbg");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-refresh-token");
    }

    [Fact]
    public async Task Access_tokens_name_the_key_that_signed_them()
    {
        var tokens = await service.SignUpAsync();
        var kid = new JsonWebToken(tokens.AccessToken).Kid;
        var jwks = await _client.GetStringAsync("/.well-known/jwks.json", TestContext.Current.CancellationToken);
        Assert.Contains(kid, jwks, StringComparison.Ordinal);
    }
}

/// <summary>Moves the clock: a fixture of its own.</summary>
public sealed class RefreshExpiryTests(UsersFactory service) : IClassFixture<UsersFactory>
{
    [Fact]
    public async Task A_refresh_token_expires_after_its_lifetime()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = service.CreateClient();
        var early = await service.SignUpAsync();
        var late = await service.SignUpAsync();

        service.Clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/users/refresh", new { refreshToken = early.RefreshToken }, ct)).StatusCode);

        service.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        var expired = await client.PostAsJsonAsync("/api/users/refresh", new { refreshToken = late.RefreshToken }, ct);
        await expired.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid-refresh-token");
    }
}
