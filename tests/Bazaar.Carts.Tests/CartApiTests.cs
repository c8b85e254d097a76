using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Carts.Tests;

public sealed class CartApiTests(CartFactory service) : IClassFixture<CartFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private HttpClient NewShopper() => service.ClientFor(Guid.CreateVersion7());

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string sku, int quantity) =>
        client.PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity }, Cancellation);

    private static async Task<JsonElement> CartOf(HttpClient client)
    {
        var response = await client.GetAsync("/api/cart", Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }

    private static async Task<JsonElement> OkCart(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }

    private static JsonElement LineOf(JsonElement cart, string sku) =>
        cart.GetProperty("lines").EnumerateArray().Single(line => line.GetProperty("sku").GetString() == sku);

    [Fact]
    public async Task A_new_cart_is_empty()
    {
        var cart = await CartOf(NewShopper());

        Assert.Equal(0, cart.GetProperty("lines").GetArrayLength());
        Assert.Equal(0m, cart.GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.Equal("USD", cart.GetProperty("total").GetProperty("currency").GetString());
        Assert.Equal(0, cart.GetProperty("itemCount").GetInt32());
        Assert.False(cart.GetProperty("degraded").GetBoolean());
    }

    /// <summary>One quote checks the new SKU and prices every line of the answer.</summary>
    [Fact]
    public async Task Putting_an_item_asks_the_catalog_once_for_the_check_and_the_priced_cart()
    {
        var client = NewShopper();
        var mug = service.Catalog.Add(price: 4.50m);
        var pen = service.Catalog.Add(price: 1.25m);
        await PutAsync(client, mug.Sku, 2);

        var quotesBefore = service.Catalog.Quotes;
        var cart = await OkCart(await PutAsync(client, pen.Sku, 3));

        Assert.Equal(1, service.Catalog.Quotes - quotesBefore);
        Assert.Equal(12.75m, cart.GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.Equal(4.50m, LineOf(cart, mug.Sku).GetProperty("unitPrice").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task The_stored_lines_are_read_without_asking_the_catalog()
    {
        var client = NewShopper();
        var mug = service.Catalog.Add(price: 4.50m);
        await PutAsync(client, mug.Sku, 2);
        var quotesBefore = service.Catalog.Quotes;

        var lines = await OkCart(await client.GetAsync("/api/cart/lines", Cancellation));

        var line = Assert.Single(lines.GetProperty("lines").EnumerateArray());
        Assert.Equal(mug.Sku, line.GetProperty("sku").GetString());
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());
        Assert.Equal(quotesBefore, service.Catalog.Quotes);
    }

    [Fact]
    public async Task Putting_an_item_sets_its_quantity_and_prices_it_live()
    {
        var client = NewShopper();
        var mug = service.Catalog.Add(price: 4.50m, name: "Mug");
        var pen = service.Catalog.Add(price: 1.25m);

        await PutAsync(client, mug.Sku, 2);
        await PutAsync(client, pen.Sku, 3);
        var cart = await OkCart(await PutAsync(client, mug.Sku, 4));

        var line = LineOf(cart, mug.Sku);
        Assert.Equal(4, line.GetProperty("quantity").GetInt32());
        Assert.Equal("Mug", line.GetProperty("name").GetString());
        Assert.Equal(4.50m, line.GetProperty("unitPrice").GetProperty("amount").GetDecimal());
        Assert.Equal(18.00m, line.GetProperty("lineTotal").GetProperty("amount").GetDecimal());
        Assert.Equal(50, line.GetProperty("available").GetInt32());
        Assert.Equal("ok", line.GetProperty("status").GetString());
        Assert.Equal(21.75m, cart.GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.Equal(7, cart.GetProperty("itemCount").GetInt32());

        service.Catalog.Update(mug with { UnitPrice = mug.UnitPrice with { Amount = 5m } });
        Assert.Equal(23.75m, (await CartOf(client)).GetProperty("total").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Removing_an_item_answers_the_rest_of_the_cart()
    {
        var client = NewShopper();
        var kept = service.Catalog.Add();
        var removed = service.Catalog.Add();
        await PutAsync(client, kept.Sku, 1);
        await PutAsync(client, removed.Sku, 1);

        var cart = await OkCart(await client.DeleteAsync($"/api/cart/items/{removed.Sku}", Cancellation));
        var again = await OkCart(await client.DeleteAsync($"/api/cart/items/{removed.Sku}", Cancellation));

        Assert.Equal([kept.Sku], cart.GetProperty("lines").EnumerateArray().Select(line => line.GetProperty("sku").GetString()));
        Assert.Equal(1, again.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task Clearing_empties_the_cart()
    {
        var client = NewShopper();
        await PutAsync(client, service.Catalog.Add().Sku, 1);

        var response = await client.DeleteAsync("/api/cart", Cancellation);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(0, (await CartOf(client)).GetProperty("lines").GetArrayLength());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100)]
    public async Task Quantities_outside_1_to_99_are_a_validation_problem_and_change_nothing(int quantity)
    {
        var client = NewShopper();
        var product = service.Catalog.Add();
        await PutAsync(client, product.Sku, 2);

        var response = await PutAsync(client, product.Sku, quantity);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("Quantity", out _), problem.ToString());
        Assert.Equal(2, LineOf(await CartOf(client), product.Sku).GetProperty("quantity").GetInt32());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"quantity":"two"}""")]
    [InlineData("not json")]
    public async Task Missing_or_malformed_quantities_are_a_400_problem(string body)
    {
        var client = NewShopper();
        var product = service.Catalog.Add();

        var response = await client.PutAsync($"/api/cart/items/{product.Sku}", new StringContent(body, Encoding.UTF8, "application/json"), Cancellation);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, (await CartOf(client)).GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task An_overlong_sku_is_a_validation_problem()
    {
        var response = await PutAsync(NewShopper(), new string('X', 65), 1);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Unknown_and_discontinued_skus_cannot_be_added()
    {
        var client = NewShopper();
        var discontinued = service.Catalog.Add(active: false);

        var unknown = await PutAsync(client, "NO-SUCH-SKU", 1);
        var inactive = await PutAsync(client, discontinued.Sku, 1);

        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "unknown-sku");
        await inactive.AssertProblemAsync(HttpStatusCode.NotFound, "unknown-sku");
        Assert.Equal(0, (await CartOf(client)).GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task Lines_say_whether_their_quantity_can_be_bought()
    {
        var client = NewShopper();
        var plenty = service.Catalog.Add(available: 10, price: 2m);
        var scarce = service.Catalog.Add(available: 2, price: 3m);
        var soldOut = service.Catalog.Add(available: 5, price: 7m);
        var dropped = service.Catalog.Add(available: 5, price: 9m);
        foreach (var product in new[] { plenty, scarce, soldOut, dropped }) await PutAsync(client, product.Sku, 3);
        service.Catalog.Update(soldOut with { Available = 0 });
        service.Catalog.Update(dropped with { Active = false });

        var cart = await CartOf(client);

        Assert.Equal("ok", LineOf(cart, plenty.Sku).GetProperty("status").GetString());
        Assert.Equal("short", LineOf(cart, scarce.Sku).GetProperty("status").GetString());
        Assert.Equal(2, LineOf(cart, scarce.Sku).GetProperty("available").GetInt32());
        Assert.Equal("unavailable", LineOf(cart, soldOut.Sku).GetProperty("status").GetString());
        Assert.Equal("unavailable", LineOf(cart, dropped.Sku).GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, LineOf(cart, dropped.Sku).GetProperty("lineTotal").ValueKind);
        Assert.Equal(15m, cart.GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.Equal(12, cart.GetProperty("itemCount").GetInt32());
    }

    [Fact]
    public async Task A_full_cart_takes_no_new_sku_but_still_changes_its_lines()
    {
        var client = NewShopper();
        var first = service.Catalog.Add();
        await PutAsync(client, first.Sku, 1);
        for (var i = 1; i < CartFactory.MaxLines; i++) await PutAsync(client, service.Catalog.Add().Sku, 1);

        var refused = await PutAsync(client, service.Catalog.Add().Sku, 1);
        var changed = await PutAsync(client, first.Sku, 9);

        await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "cart-full");
        Assert.Equal(9, LineOf(await OkCart(changed), first.Sku).GetProperty("quantity").GetInt32());
        Assert.Equal(CartFactory.MaxLines, (await CartOf(client)).GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task One_shopper_never_sees_or_changes_another_shoppers_cart()
    {
        var ann = NewShopper();
        var bob = NewShopper();
        var product = service.Catalog.Add();
        await PutAsync(ann, product.Sku, 2);

        var bobsCart = await CartOf(bob);
        await bob.DeleteAsync($"/api/cart/items/{product.Sku}", Cancellation);
        await bob.DeleteAsync("/api/cart", Cancellation);

        Assert.Equal(0, bobsCart.GetProperty("lines").GetArrayLength());
        Assert.Equal(2, LineOf(await CartOf(ann), product.Sku).GetProperty("quantity").GetInt32());
    }

    [Theory]
    [InlineData("GET", "/api/cart")]
    [InlineData("GET", "/api/cart/lines")]
    [InlineData("PUT", "/api/cart/items/SKU-000001")]
    [InlineData("DELETE", "/api/cart/items/SKU-000001")]
    [InlineData("DELETE", "/api/cart")]
    public async Task Every_cart_endpoint_needs_a_token(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = method == "PUT" ? JsonContent.Create(new { quantity = 1 }) : null,
        };
        var response = await service.CreateClient().SendAsync(request, Cancellation);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
