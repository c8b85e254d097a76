using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bazaar.Platform.Auth;
using Bazaar.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit;

namespace Bazaar.Users.Tests;

public sealed class ProfileTests(UsersFactory service) : IClassFixture<UsersFactory>
{
    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_profile_shows_and_updates_name_and_phone()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = UsersFactory.UniqueEmail();
        var client = service.ClientWith((await service.SignUpAsync(email)).AccessToken);

        var before = await ReadAsync(await client.GetAsync("/api/users/me", ct));
        Assert.Equal(JsonValueKind.Null, before.GetProperty("phone").ValueKind);
        Assert.Equal("customer", before.GetProperty("role").GetString());

        var updated = await ReadAsync(await client.PutAsJsonAsync("/api/users/me", new { name = "  Ann Baker ", phone = "+4915112345678" }, ct));
        Assert.Equal("Ann Baker", updated.GetProperty("name").GetString());
        Assert.Equal("+4915112345678", updated.GetProperty("phone").GetString());
        Assert.Equal(email, updated.GetProperty("email").GetString());

        var after = await ReadAsync(await client.GetAsync("/api/users/me", ct));
        Assert.Equal("Ann Baker", after.GetProperty("name").GetString());
        Assert.Equal("+4915112345678", after.GetProperty("phone").GetString());

        var cleared = await ReadAsync(await client.PutAsJsonAsync("/api/users/me", new { name = "Ann" }, ct));
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("phone").ValueKind);
    }

    [Theory]
    [InlineData("""{"name":"Ann","phone":"12345678"}""", "Phone")]
    [InlineData("""{"name":"Ann","phone":"+1234567"}""", "Phone")]
    [InlineData("""{"name":"Ann","phone":"+1234567890123456"}""", "Phone")]
    [InlineData("""{"name":"Ann","phone":"+49 151 1234567"}""", "Phone")]
    [InlineData("""{"phone":"+4915112345678"}""", "Name")]
    [InlineData("""{"name":"   "}""", "Name")]
    public async Task Invalid_profiles_name_the_field_and_change_nothing(string body, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = service.ClientWith((await service.SignUpAsync()).AccessToken);

        var response = await client.PutAsync("/api/users/me", new StringContent(body, Encoding.UTF8, "application/json"), ct);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}");

        var profile = await ReadAsync(await client.GetAsync("/api/users/me", ct));
        Assert.Equal("Ann", profile.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, profile.GetProperty("phone").ValueKind);
    }

    [Fact]
    public async Task Updating_the_profile_needs_a_token()
    {
        var response = await service.CreateClient().PutAsJsonAsync("/api/users/me", new { name = "Mallory" }, TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_admin_reads_any_account_by_id()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = UsersFactory.UniqueEmail();
        var id = Guid.Parse(new JsonWebToken((await service.SignUpAsync(email)).AccessToken).Subject);
        var admin = service.ClientFor(Guid.NewGuid(), Roles.Admin);

        var account = await ReadAsync(await admin.GetAsync($"/api/users/{id}", ct));
        Assert.Equal(email, account.GetProperty("email").GetString());
        Assert.Equal(id, account.GetProperty("id").GetGuid());

        await (await admin.GetAsync($"/api/users/{Guid.NewGuid()}", ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Reading_an_account_by_id_is_for_admins_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = Guid.Parse(new JsonWebToken((await service.SignUpAsync()).AccessToken).Subject);

        await (await service.CreateClient().GetAsync($"/api/users/{id}", ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await service.ClientFor(id).GetAsync($"/api/users/{id}", ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
