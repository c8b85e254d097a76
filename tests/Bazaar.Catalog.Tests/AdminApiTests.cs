using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Data;
using Bazaar.Testing;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Catalog.Tests;

public sealed class AdminApiTests(CatalogFactory service) : IClassFixture<CatalogFactory>
{
    private const string Admin = "/api/admin/catalog";
    private readonly Guid _adminId = Guid.CreateVersion7();
    private readonly HttpClient _anonymous = service.CreateClient();

    private HttpClient AdminClient => service.ClientFor(_adminId, Roles.Admin);

    private static object NewProduct(Guid categoryId, string? sku = null, string status = "active", decimal listPrice = 25m, decimal? salePrice = null) => new
    {
        sku = sku ?? CatalogFactory.NewSku(), name = "Admin Lamp", description = "A lamp.", brand = "Lumen", categoryId,
        attributes = new Dictionary<string, string> { ["watts"] = "40" },
        imageUrls = new[] { "https://img.example.com/a.jpg", "https://img.example.com/b.jpg" }, status, listPrice, salePrice,
    };

    private async Task<JsonElement> CreateProductAsync(object body)
    {
        var response = await AdminClient.PostAsJsonAsync($"{Admin}/products", body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    private async Task<bool> IsListedAsync(Guid categoryId, Guid productId)
    {
        var page = await _anonymous.GetFromJsonAsync<JsonElement>($"/api/products?category={categoryId}", TestContext.Current.CancellationToken);
        return page.GetProperty("items").EnumerateArray().Any(item => item.GetProperty("id").GetGuid() == productId);
    }

    [Fact]
    public async Task Categories_form_a_tree_and_listing_a_category_includes_its_sub_categories()
    {
        var top = await AdminClient.PostAsJsonAsync($"{Admin}/categories", new { name = "Lighting " + Guid.NewGuid().ToString("N")[..8] }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, top.StatusCode);
        var topId = (await top.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
        var child = await AdminClient.PostAsJsonAsync($"{Admin}/categories", new { name = "Lamps " + Guid.NewGuid().ToString("N")[..8], parentId = topId }, TestContext.Current.CancellationToken);
        var childBody = await child.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(topId, childBody.GetProperty("parentId").GetGuid());
        var grandchild = await service.AddCategoryAsync(childBody.GetProperty("id").GetGuid());

        var product = await CreateProductAsync(NewProduct(grandchild));

        Assert.True(await IsListedAsync(topId, product.GetProperty("id").GetGuid()));
        var categories = await _anonymous.GetFromJsonAsync<JsonElement>("/api/categories", TestContext.Current.CancellationToken);
        Assert.Contains(categories.EnumerateArray(), c => c.GetProperty("id").GetGuid() == childBody.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Category_mistakes_are_refused()
    {
        var name = "Garden " + Guid.NewGuid().ToString("N")[..8];
        await AdminClient.PostAsJsonAsync($"{Admin}/categories", new { name }, TestContext.Current.CancellationToken);

        var again = await AdminClient.PostAsJsonAsync($"{Admin}/categories", new { name = name.ToUpperInvariant() }, TestContext.Current.CancellationToken);
        var orphan = await AdminClient.PostAsJsonAsync($"{Admin}/categories", new { name = "Orphan", parentId = Guid.NewGuid() }, TestContext.Current.CancellationToken);
        var nameless = await AdminClient.PostAsJsonAsync($"{Admin}/categories", new { name = "!!!" }, TestContext.Current.CancellationToken);

        await again.AssertProblemAsync(HttpStatusCode.Conflict, "category-exists");
        Assert.True((await orphan.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("parentId", out _));
        Assert.True((await nameless.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task A_created_product_carries_everything_and_only_active_ones_are_listed_and_sellable()
    {
        var category = await service.AddCategoryAsync();
        var created = await CreateProductAsync(NewProduct(category, status: "draft", listPrice: 30m, salePrice: 24.5m));
        var id = created.GetProperty("id").GetGuid();
        var sku = created.GetProperty("sku").GetString()!;

        Assert.Equal("draft", created.GetProperty("status").GetString());
        Assert.Equal(24.5m, created.GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.Equal(30m, created.GetProperty("listPrice").GetProperty("amount").GetDecimal());
        Assert.True(created.GetProperty("onSale").GetBoolean());
        Assert.Equal("40", created.GetProperty("attributes").GetProperty("watts").GetString());
        Assert.Equal(2, created.GetProperty("imageUrls").GetArrayLength());
        Assert.Equal("https://img.example.com/a.jpg", created.GetProperty("imageUrl").GetString());
        Assert.Equal(0, created.GetProperty("available").GetInt32());
        Assert.False(await IsListedAsync(category, id));
        Assert.False(await QuoteActiveAsync(sku));

        var activate = await AdminClient.PutAsJsonAsync($"{Admin}/products/{id}", new
        {
            name = "Admin Lamp II", description = "Brighter.", brand = "Lumen", categoryId = category, status = "active",
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, activate.StatusCode);
        Assert.True(await IsListedAsync(category, id));
        Assert.True(await QuoteActiveAsync(sku));
        var detail = await _anonymous.GetFromJsonAsync<JsonElement>($"/api/products/{id}", TestContext.Current.CancellationToken);
        Assert.Equal("Admin Lamp II", detail.GetProperty("name").GetString());
        Assert.Equal(0, detail.GetProperty("imageUrls").GetArrayLength());

        var archive = await AdminClient.PutAsJsonAsync($"{Admin}/products/{id}", new
        {
            name = "Admin Lamp II", brand = "Lumen", categoryId = category, status = "archived",
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        Assert.False(await IsListedAsync(category, id));
        Assert.False(await QuoteActiveAsync(sku));
    }

    private async Task<bool> QuoteActiveAsync(string sku)
    {
        var response = await _anonymous.PostAsJsonAsync("/internal/products/quote", new { skus = new[] { sku } }, TestContext.Current.CancellationToken);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("items");
        return Assert.Single(items.EnumerateArray()).GetProperty("active").GetBoolean();
    }

    [Fact]
    public async Task A_taken_sku_is_a_conflict()
    {
        var category = await service.AddCategoryAsync();
        var sku = CatalogFactory.NewSku();
        await CreateProductAsync(NewProduct(category, sku));

        var again = await AdminClient.PostAsJsonAsync($"{Admin}/products", NewProduct(category, sku), TestContext.Current.CancellationToken);

        await again.AssertProblemAsync(HttpStatusCode.Conflict, "sku-taken");
    }

    public static TheoryData<string, string> BadProducts => new()
    {
        { """{"sku":"A 1","name":"x","brand":"b","categoryId":"@cat","listPrice":1}""", "Sku" },
        { """{"sku":"A1","name":"","brand":"b","categoryId":"@cat","listPrice":1}""", "Name" },
        { """{"sku":"A1","name":"x","brand":"b","listPrice":1}""", "CategoryId" },
        { """{"sku":"A1","name":"x","brand":"b","categoryId":"@cat","listPrice":1,"status":"Discontinued"}""", "Status" },
        { """{"sku":"A1","name":"x","brand":"b","categoryId":"@cat","listPrice":0}""", "listPrice" },
        { """{"sku":"A1","name":"x","brand":"b","categoryId":"@cat","listPrice":10,"salePrice":10}""", "salePrice" },
        { """{"sku":"A1","name":"x","brand":"b","categoryId":"@cat","listPrice":1,"imageUrls":["ftp://x/y"]}""", "imageUrls" },
        { """{"sku":"A1","name":"x","brand":"b","categoryId":"@cat","listPrice":1,"imageUrls":[@eleven]}""", "ImageUrls" },
        { """{"sku":"A1","name":"x","brand":"b","categoryId":"@cat","listPrice":1,"attributes":{@fiftyone}}""", "Attributes" },
        { """{"sku":"A1","name":"x","brand":"b","categoryId":"0195f3a0-0000-7000-8000-000000000009","listPrice":1}""", "categoryId" },
    };

    [Theory]
    [MemberData(nameof(BadProducts))]
    public async Task Invalid_products_name_the_field_and_create_nothing(string body, string field)
    {
        var category = await service.AddCategoryAsync();
        body = body.Replace("@cat", category.ToString(), StringComparison.Ordinal)
            .Replace("@eleven", string.Join(",", Enumerable.Range(1, 11).Select(n => $"\"https://img.example.com/{n}.jpg\"")), StringComparison.Ordinal)
            .Replace("@fiftyone", string.Join(",", Enumerable.Range(1, 51).Select(n => $"\"k{n}\":\"v\"")), StringComparison.Ordinal);

        var response = await AdminClient.PostAsync($"{Admin}/products", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {problem}");
        var page = await _anonymous.GetFromJsonAsync<JsonElement>($"/api/products?category={category}", TestContext.Current.CancellationToken);
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Editing_an_unknown_product_is_a_404()
    {
        var category = await service.AddCategoryAsync();
        var response = await AdminClient.PutAsJsonAsync($"{Admin}/products/{Guid.NewGuid()}", new
        {
            name = "x", brand = "b", categoryId = category, status = "active",
        }, TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Stock_adjustments_move_on_hand_and_are_audited()
    {
        var product = await service.AddProductAsync(5);
        var url = $"{Admin}/inventory/{product.Sku}/adjustments";

        var counted = await AdminClient.PostAsJsonAsync(url, new { delta = 7, reason = "Delivery from supplier" }, TestContext.Current.CancellationToken);
        var written = await AdminClient.PostAsJsonAsync(url, new { delta = -2, reason = "Damaged in storage" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, counted.StatusCode);
        Assert.Equal(12, (await counted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("onHandAfter").GetInt64());
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        Assert.Equal((10L, 0L), await service.StockAsync(product.Sku));

        var trail = await AdminClient.GetFromJsonAsync<JsonElement>(url, TestContext.Current.CancellationToken);
        Assert.Equal([7, -2], trail.EnumerateArray().Select(entry => entry.GetProperty("delta").GetInt32()));
        Assert.Equal([12L, 10L], trail.EnumerateArray().Select(entry => entry.GetProperty("onHandAfter").GetInt64()));
        Assert.All(trail.EnumerateArray(), entry => Assert.Equal(_adminId, entry.GetProperty("adjustedBy").GetGuid()));
        Assert.Equal("Damaged in storage", trail[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_retried_adjustment_with_the_same_idempotency_key_applies_once()
    {
        var product = await service.AddProductAsync(5);
        var url = $"{Admin}/inventory/{product.Sku}/adjustments";
        async Task<HttpResponseMessage> PostAsync(int delta)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { delta, reason = "Delivery" }) };
            request.Headers.Add("Idempotency-Key", "delivery-42");
            return await AdminClient.SendAsync(request, TestContext.Current.CancellationToken);
        }

        var first = await PostAsync(3);
        var retry = await PostAsync(3);
        var reused = await PostAsync(4);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid(),
            (await retry.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid());
        await reused.AssertProblemAsync(HttpStatusCode.Conflict, "idempotency-key-reused");
        Assert.Equal((8L, 0L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task Stock_cannot_go_below_what_is_reserved()
    {
        var product = await service.AddProductAsync(10);
        var reserve = await _anonymous.PostAsJsonAsync("/internal/inventory/reservations",
            new { reservationId = Guid.CreateVersion7(), lines = new[] { new { sku = product.Sku, quantity = 6 } } }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, reserve.StatusCode);
        var url = $"{Admin}/inventory/{product.Sku}/adjustments";

        var tooMuch = await AdminClient.PostAsJsonAsync(url, new { delta = -5, reason = "Stocktake" }, TestContext.Current.CancellationToken);
        var exact = await AdminClient.PostAsJsonAsync(url, new { delta = -4, reason = "Stocktake" }, TestContext.Current.CancellationToken);

        await tooMuch.AssertProblemAsync(HttpStatusCode.Conflict, "stock-below-reserved");
        Assert.Equal(HttpStatusCode.Created, exact.StatusCode);
        Assert.Equal((6L, 6L), await service.StockAsync(product.Sku));
        Assert.Single((await AdminClient.GetFromJsonAsync<JsonElement>(url, TestContext.Current.CancellationToken)).EnumerateArray());
    }

    [Theory]
    [InlineData("""{"delta":0,"reason":"x"}""", "delta")]
    [InlineData("""{"reason":"x"}""", "Delta")]
    [InlineData("""{"delta":1}""", "Reason")]
    [InlineData("""{"delta":1,"reason":"   "}""", "Reason")]
    public async Task Invalid_adjustments_name_the_field_and_change_nothing(string body, string field)
    {
        var product = await service.AddProductAsync(5);
        var response = await AdminClient.PostAsync($"{Admin}/inventory/{product.Sku}/adjustments",
            new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {problem}");
        Assert.Equal((5L, 0L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task A_reason_longer_than_200_characters_is_refused()
    {
        var product = await service.AddProductAsync(5);
        var response = await AdminClient.PostAsJsonAsync($"{Admin}/inventory/{product.Sku}/adjustments",
            new { delta = 1, reason = new string('x', 201) }, TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Adjusting_an_unknown_sku_is_a_404()
    {
        var post = await AdminClient.PostAsJsonAsync($"{Admin}/inventory/NO-SUCH-SKU/adjustments", new { delta = 1, reason = "x" }, TestContext.Current.CancellationToken);
        var get = await AdminClient.GetAsync($"{Admin}/inventory/NO-SUCH-SKU/adjustments", TestContext.Current.CancellationToken);
        await post.AssertProblemAsync(HttpStatusCode.NotFound, "unknown-sku");
        await get.AssertProblemAsync(HttpStatusCode.NotFound, "unknown-sku");
    }

    [Fact]
    public async Task The_audit_trail_cannot_be_rewritten()
    {
        var product = await service.AddProductAsync(5);
        await AdminClient.PostAsJsonAsync($"{Admin}/inventory/{product.Sku}/adjustments", new { delta = 1, reason = "x" }, TestContext.Current.CancellationToken);

        await using var connection = await service.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("UPDATE stock_adjustments SET delta = 100 WHERE sku = @Sku", new { product.Sku }));
        await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync("DELETE FROM stock_adjustments WHERE sku = @Sku", new { product.Sku }));
    }

    public static TheoryData<string, string> AdminRoutes => new()
    {
        { "POST", "/products" },
        { "PUT", $"/products/{Guid.NewGuid()}" },
        { "POST", "/categories" },
        { "PUT", $"/products/{Guid.NewGuid()}/price" },
        { "GET", $"/products/{Guid.NewGuid()}/prices" },
        { "POST", "/inventory/SKU-000001/adjustments" },
        { "GET", "/inventory/SKU-000001/adjustments" },
    };

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task Admin_routes_refuse_customers_and_anonymous_callers(string method, string path)
    {
        HttpRequestMessage Request() => new(new HttpMethod(method), Admin + path)
        {
            Content = method == "GET" ? null : new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        using var anonymousRequest = Request();
        using var customerRequest = Request();

        var anonymous = await _anonymous.SendAsync(anonymousRequest, TestContext.Current.CancellationToken);
        var customer = await service.ClientFor(Guid.CreateVersion7()).SendAsync(customerRequest, TestContext.Current.CancellationToken);

        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await customer.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
