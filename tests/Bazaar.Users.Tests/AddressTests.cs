using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Users.Tests;

public sealed class AddressTests(UsersFactory service) : IClassFixture<UsersFactory>
{
    private const string Path = "/api/users/me/addresses";

    private static object Address(string name, bool isDefault = false, string country = "de") =>
        new { name, line1 = "Hauptstr. 1", city = "Berlin", postalCode = "10115", country, phone = "+4930123456", isDefault };

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    private static async Task<JsonElement> AddAsync(HttpClient client, object address)
    {
        var response = await client.PostAsJsonAsync(Path, address, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ReadAsync(response);
    }

    private static async Task<JsonElement[]> ListAsync(HttpClient client) =>
        [.. (await ReadAsync(await client.GetAsync(Path, TestContext.Current.CancellationToken))).EnumerateArray()];

    private static string? DefaultName(JsonElement[] addresses) =>
        Assert.Single(addresses, address => address.GetProperty("isDefault").GetBoolean()).GetProperty("name").GetString();

    [Fact]
    public async Task The_first_address_is_the_default_and_a_new_default_replaces_the_old()
    {
        var client = service.ClientFor(Guid.NewGuid());
        Assert.Empty(await ListAsync(client));

        var home = await AddAsync(client, Address("Home"));
        Assert.True(home.GetProperty("isDefault").GetBoolean());
        Assert.Equal("DE", home.GetProperty("country").GetString());
        Assert.Equal(JsonValueKind.Null, home.GetProperty("line2").ValueKind);

        var office = await AddAsync(client, Address("Office"));
        Assert.False(office.GetProperty("isDefault").GetBoolean());
        Assert.Equal("Home", DefaultName(await ListAsync(client)));

        var parents = await AddAsync(client, Address("Parents", isDefault: true));
        Assert.True(parents.GetProperty("isDefault").GetBoolean());
        var all = await ListAsync(client);
        Assert.Equal(3, all.Length);
        Assert.Equal("Parents", DefaultName(all));
        Assert.Equal("Parents", all[0].GetProperty("name").GetString()); // the default comes first
    }

    [Fact]
    public async Task Replacing_an_address_may_move_the_default_but_never_drop_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = service.ClientFor(Guid.NewGuid());
        await AddAsync(client, Address("Home"));
        var office = (await AddAsync(client, Address("Office"))).GetProperty("id").GetGuid();

        var moved = await ReadAsync(await client.PutAsJsonAsync($"{Path}/{office}", Address("Office 2", isDefault: true, country: "fr"), ct));
        Assert.Equal("Office 2", moved.GetProperty("name").GetString());
        Assert.Equal("FR", moved.GetProperty("country").GetString());
        Assert.Equal("Office 2", DefaultName(await ListAsync(client)));

        var kept = await ReadAsync(await client.PutAsJsonAsync($"{Path}/{office}", Address("Office 3", isDefault: false), ct));
        Assert.True(kept.GetProperty("isDefault").GetBoolean());
        Assert.Equal("Office 3", DefaultName(await ListAsync(client)));
        Assert.Equal(2, (await ListAsync(client)).Length);
    }

    [Fact]
    public async Task Deleting_the_default_promotes_the_oldest_remaining()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = service.ClientFor(Guid.NewGuid());
        await AddAsync(client, Address("Home"));
        await AddAsync(client, Address("Office"));
        await AddAsync(client, Address("Cabin"));
        var parents = (await AddAsync(client, Address("Parents", isDefault: true))).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Path}/{parents}", ct)).StatusCode);
        var remaining = await ListAsync(client);
        Assert.Equal(3, remaining.Length);
        Assert.Equal("Home", DefaultName(remaining));

        foreach (var address in remaining)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Path}/{address.GetProperty("id").GetGuid()}", ct)).StatusCode);
        }
        Assert.Empty(await ListAsync(client));
        await (await client.DeleteAsync($"{Path}/{parents}", ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task An_account_keeps_at_most_twenty_addresses()
    {
        var client = service.ClientFor(Guid.NewGuid());
        for (var i = 1; i <= 20; i++)
        {
            await AddAsync(client, Address($"Address {i}"));
        }

        var tooMany = await client.PostAsJsonAsync(Path, Address("One more", isDefault: true), TestContext.Current.CancellationToken);
        await tooMany.AssertProblemAsync(HttpStatusCode.Conflict, "address-limit-reached");
        var all = await ListAsync(client);
        Assert.Equal(20, all.Length);
        Assert.Equal("Address 1", DefaultName(all));
    }

    [Theory]
    [InlineData("""{"name":"Home","line1":"Hauptstr. 1","city":"Berlin","postalCode":"10115","country":"DEU"}""", "Country")]
    [InlineData("""{"name":"Home","line1":"Hauptstr. 1","city":"Berlin","postalCode":"10115","country":"D1"}""", "Country")]
    [InlineData("""{"name":"Home","line1":"Hauptstr. 1","city":"Berlin","postalCode":"10115"}""", "Country")]
    [InlineData("""{"name":"Home","city":"Berlin","postalCode":"10115","country":"DE"}""", "Line1")]
    [InlineData("""{"name":"Home","line1":"Hauptstr. 1","city":"  ","postalCode":"10115","country":"DE"}""", "City")]
    [InlineData("""{"name":"Home","line1":"Hauptstr. 1","city":"Berlin","postalCode":"10115","country":"DE","phone":"030 123"}""", "Phone")]
    [InlineData("""{"line1":"Hauptstr. 1","city":"Berlin","postalCode":"10115","country":"DE"}""", "Name")]
    public async Task Invalid_addresses_name_the_field_and_store_nothing(string body, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = service.ClientFor(Guid.NewGuid());
        var existing = (await AddAsync(client, Address("Home"))).GetProperty("id").GetGuid();

        var added = await client.PostAsync(Path, new StringContent(body, Encoding.UTF8, "application/json"), ct);
        var problem = await added.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}");

        var replaced = await client.PutAsync($"{Path}/{existing}", new StringContent(body, Encoding.UTF8, "application/json"), ct);
        await replaced.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");

        var stored = Assert.Single(await ListAsync(client));
        Assert.Equal("Home", stored.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Another_users_address_is_not_found_and_stays_as_it_was()
    {
        var ct = TestContext.Current.CancellationToken;
        var owner = service.ClientFor(Guid.NewGuid());
        var stranger = service.ClientFor(Guid.NewGuid());
        var id = (await AddAsync(owner, Address("Home"))).GetProperty("id").GetGuid();

        await (await stranger.PutAsJsonAsync($"{Path}/{id}", Address("Mine now", isDefault: true), ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await stranger.DeleteAsync($"{Path}/{id}", ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await owner.PutAsJsonAsync($"{Path}/{Guid.NewGuid()}", Address("Nowhere"), ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Empty(await ListAsync(stranger));

        var stored = Assert.Single(await ListAsync(owner));
        Assert.Equal("Home", stored.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Addresses_need_a_token()
    {
        var ct = TestContext.Current.CancellationToken;
        var anonymous = service.CreateClient();
        await (await anonymous.GetAsync(Path, ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync(Path, Address("Home"), ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.DeleteAsync($"{Path}/{Guid.NewGuid()}", ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
