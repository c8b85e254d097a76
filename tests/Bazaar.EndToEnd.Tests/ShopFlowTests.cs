using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Bazaar.EndToEnd.Tests;

[Collection(ShopCollection.Name)]
public sealed class ShopFlowTests(RunningShop shop, ITestOutputHelper output)
{
    /// <summary>Register, log in, browse, fill the cart, pay, see the order shipped and what else to buy.</summary>
    private async Task<(string OrderId, string FirstSku, string SecondSku)> BuyTwoProductsAsync(CancellationToken ct)
    {
        var shopper = await Shopper.SignUpAsync(shop.Client, ct);

        var page = await shop.Client.GetFromJsonAsync<JsonElement>("/api/products?limit=50", ct);
        var inStock = page.GetProperty("items").EnumerateArray().Where(p => p.GetProperty("available").GetInt32() >= 5).Take(2).ToList();
        Assert.Equal(2, inStock.Count);
        var (first, second) = (inStock[0].GetProperty("sku").GetString()!, inStock[1].GetProperty("sku").GetString()!);
        var expectedTotal = inStock[0].GetProperty("price").GetProperty("amount").GetDecimal() * 2 + inStock[1].GetProperty("price").GetProperty("amount").GetDecimal();

        await shopper.SetQuantityAsync(first, 2, ct);
        await shopper.SetQuantityAsync(second, 1, ct);
        var cart = await shopper.GetAsync("/api/cart", ct);
        Assert.Equal(2, cart.GetProperty("lines").GetArrayLength());
        Assert.Equal(expectedTotal, cart.GetProperty("total").GetProperty("amount").GetDecimal());

        var key = Guid.NewGuid().ToString();
        var placed = await shopper.CheckOutAsync(key, ct);
        Assert.True(placed.StatusCode == HttpStatusCode.Created, $"checkout: {(int)placed.StatusCode} {await placed.Content.ReadAsStringAsync(ct)}");
        var order = await placed.Content.ReadFromJsonAsync<JsonElement>(ct);
        var orderId = order.GetProperty("id").GetString()!;
        Assert.Equal("Paid", order.GetProperty("status").GetString());
        Assert.Equal(expectedTotal, order.GetProperty("total").GetProperty("amount").GetDecimal());

        var retried = await shopper.CheckOutAsync(key, ct);
        Assert.Equal(orderId, (await retried.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString());

        var seen = await shopper.GetAsync($"/api/orders/{orderId}", ct);
        Assert.Equal("Paid", seen.GetProperty("status").GetString());
        var shipment = seen.GetProperty("shipment");
        Assert.False(string.IsNullOrEmpty(shipment.GetProperty("trackingNumber").GetString()));
        Assert.Contains(shipment.GetProperty("events").EnumerateArray(), e => e.GetProperty("status").GetString() == "LabelCreated");

        // The cart-service empties the cart when it hears the order-paid event.
        await Eventually.HoldsAsync(() => shopper.GetAsync("/api/cart", ct), cart => cart.GetProperty("lines").GetArrayLength() == 0, "the cart emptied after payment", ct);
        return (orderId, first, second);
    }

    [Fact]
    public async Task A_shopper_buys_through_the_gateway_and_sees_the_order_shipped()
    {
        var ct = TestContext.Current.CancellationToken;
        var (orderId, first, second) = await BuyTwoProductsAsync(ct);

        var stranger = await Shopper.SignUpAsync(shop.Client, ct);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendAsync(HttpMethod.Get, $"/api/orders/{orderId}", ct: ct)).StatusCode);

        var recommendations = await Eventually.HoldsAsync(() => shop.Client.GetFromJsonAsync<JsonElement>($"/api/recommendations/products/{first}", ct),
            answer => answer.GetProperty("strategy").GetString() == "item-to-item", "the purchase counted by the recommendations", ct);
        var skus = recommendations.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sku").GetString()).ToList();
        Assert.Contains(second, skus);
        Assert.DoesNotContain(first, skus);
    }

    [Fact]
    public async Task A_killed_service_is_restarted_and_the_shop_works_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var victim = shop.ReadyReplicaOf("product-service");
        var pid = victim.GetProperty("pid").GetInt32();

        var clock = Stopwatch.StartNew();
        Process.GetProcessById(pid).Kill(); // SIGKILL: no goodbye, as an OOM kill or a crash

        // Bounded wait (the case's recovery target) for a new, ready product-service replica.
        JsonElement? replacement = null;
        while (replacement is null && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200, ct);
            replacement = shop.Replicas().Cast<JsonElement?>().FirstOrDefault(r =>
                r!.Value.GetProperty("service").GetString() == "product-service" && r.Value.GetProperty("state").GetString() == "Ready" &&
                r.Value.GetProperty("pid").GetInt32() != pid);
        }
        Assert.True(replacement is not null, "product-service was not replaced within 30 s:\n" + shop.Output);
        Assert.True(replacement.Value.GetProperty("restarts").GetInt32() >= 1);
        output.WriteLine($"product-service ready again {clock.Elapsed.TotalSeconds:0.0} s after SIGKILL");

        // The gateway follows the published endpoints within a second or so; wait for traffic to heal.
        var healed = false;
        while (!healed && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            healed = (await shop.Client.GetAsync("/api/products?limit=1", ct)).IsSuccessStatusCode;
            if (!healed) await Task.Delay(200, ct);
        }
        Assert.True(healed, "the gateway did not reach the new product-service replica within 30 s");
        output.WriteLine($"traffic healed {clock.Elapsed.TotalSeconds:0.0} s after SIGKILL");

        await BuyTwoProductsAsync(ct);
        output.WriteLine($"a whole purchase succeeded {clock.Elapsed.TotalSeconds:0.0} s after SIGKILL");
    }
}
