using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Catalog.Tests;

public sealed class ReturnApiTests(CatalogFactory service) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private Task<HttpResponseMessage> ReturnAsync(Guid returnId, Guid reservationId, params (string Sku, int Quantity)[] lines) =>
        _client.PostAsJsonAsync("/internal/inventory/returns",
            new { returnId, reservationId, lines = lines.Select(line => new { sku = line.Sku, quantity = line.Quantity }) }, TestContext.Current.CancellationToken);

    /// <summary>A reservation of these lines, committed (sold) unless told otherwise.</summary>
    private async Task<Guid> SellAsync(bool commit = true, params (string Sku, int Quantity)[] lines)
    {
        var id = Guid.CreateVersion7();
        var reserve = await _client.PostAsJsonAsync("/internal/inventory/reservations",
            new { reservationId = id, lines = lines.Select(line => new { sku = line.Sku, quantity = line.Quantity }) }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, reserve.StatusCode);
        if (commit)
        {
            var committed = await _client.PostAsync($"/internal/inventory/reservations/{id}/commit", null, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, committed.StatusCode);
        }
        return id;
    }

    private static async Task<JsonElement> OkBody(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_return_puts_the_units_back_on_hand_and_for_sale()
    {
        var category = await service.AddCategoryAsync();
        var product = await service.AddProductAsync(10, category);
        var other = await service.AddProductAsync(10, category);
        var sale = await SellAsync(true, (product.Sku, 4), (other.Sku, 2));
        Assert.Equal((6L, 0L), await service.StockAsync(product.Sku));
        var returnId = Guid.CreateVersion7();

        var body = await OkBody(await ReturnAsync(returnId, sale, (product.Sku, 1), (other.Sku, 2), (product.Sku, 2)));

        Assert.Equal(returnId, body.GetProperty("returnId").GetGuid());
        Assert.Equal(sale, body.GetProperty("reservationId").GetGuid());
        var lines = body.GetProperty("lines").EnumerateArray().Select(line => (line.GetProperty("sku").GetString()!, line.GetProperty("quantity").GetInt32()));
        Assert.Equal(new[] { (product.Sku, 3), (other.Sku, 2) }.OrderBy(line => line.Item1, StringComparer.Ordinal), lines);
        Assert.Equal((9L, 0L), await service.StockAsync(product.Sku));
        Assert.Equal((10L, 0L), await service.StockAsync(other.Sku));
        var detail = await _client.GetFromJsonAsync<JsonElement>($"/api/products/{product.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(9, detail.GetProperty("available").GetInt32());
        var page = await _client.GetFromJsonAsync<JsonElement>($"/api/products?category={category}", TestContext.Current.CancellationToken);
        var listed = page.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("sku").GetString() == product.Sku);
        Assert.Equal(9, listed.GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task A_replayed_return_answers_the_same_and_moves_nothing_twice()
    {
        var product = await service.AddProductAsync(10);
        var sale = await SellAsync(true, (product.Sku, 4));
        var returnId = Guid.CreateVersion7();

        var first = await (await ReturnAsync(returnId, sale, (product.Sku, 2))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var replay = await ReturnAsync(returnId, sale, (product.Sku, 2));

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(first, await replay.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal((8L, 0L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task A_return_id_reused_with_other_lines_or_another_reservation_is_a_conflict()
    {
        var product = await service.AddProductAsync(10);
        var sale = await SellAsync(true, (product.Sku, 4));
        var otherSale = await SellAsync(true, (product.Sku, 4));
        var returnId = Guid.CreateVersion7();
        await OkBody(await ReturnAsync(returnId, sale, (product.Sku, 1)));

        await (await ReturnAsync(returnId, sale, (product.Sku, 2))).AssertProblemAsync(HttpStatusCode.Conflict, "return-id-reused");
        await (await ReturnAsync(returnId, otherSale, (product.Sku, 1))).AssertProblemAsync(HttpStatusCode.Conflict, "return-id-reused");

        Assert.Equal((3L, 0L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task Returning_more_than_was_sold_is_refused_naming_the_skus_and_moves_nothing()
    {
        var product = await service.AddProductAsync(10);
        var other = await service.AddProductAsync(10);
        var unsold = await service.AddProductAsync(10);
        var sale = await SellAsync(true, (product.Sku, 2), (other.Sku, 2));

        var response = await ReturnAsync(Guid.CreateVersion7(), sale, (product.Sku, 3), (other.Sku, 1), (unsold.Sku, 1));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "return-exceeds-sale");
        Assert.Equal(new[] { product.Sku, unsold.Sku }.Order(StringComparer.Ordinal), problem.GetProperty("skus").EnumerateArray().Select(sku => sku.GetString()));
        Assert.Equal((8L, 0L), await service.StockAsync(product.Sku));
        Assert.Equal((8L, 0L), await service.StockAsync(other.Sku));
        Assert.Equal((10L, 0L), await service.StockAsync(unsold.Sku));
    }

    [Fact]
    public async Task A_sale_can_come_back_in_parts_but_not_beyond_the_rest()
    {
        var product = await service.AddProductAsync(10);
        var sale = await SellAsync(true, (product.Sku, 5));

        await OkBody(await ReturnAsync(Guid.CreateVersion7(), sale, (product.Sku, 2)));
        await (await ReturnAsync(Guid.CreateVersion7(), sale, (product.Sku, 4))).AssertProblemAsync(HttpStatusCode.Conflict, "return-exceeds-sale");
        await OkBody(await ReturnAsync(Guid.CreateVersion7(), sale, (product.Sku, 3)));
        await (await ReturnAsync(Guid.CreateVersion7(), sale, (product.Sku, 1))).AssertProblemAsync(HttpStatusCode.Conflict, "return-exceeds-sale");

        Assert.Equal((10L, 0L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task Parallel_returns_of_one_sale_never_together_exceed_it()
    {
        var product = await service.AddProductAsync(10);
        var sale = await SellAsync(true, (product.Sku, 3));

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => ReturnAsync(Guid.CreateVersion7(), sale, (product.Sku, 1))));

        Assert.Equal(3, responses.Count(response => response.StatusCode == HttpStatusCode.OK));
        foreach (var refused in responses.Where(response => response.StatusCode != HttpStatusCode.OK))
        {
            await refused.AssertProblemAsync(HttpStatusCode.Conflict, "return-exceeds-sale");
        }
        Assert.Equal((10L, 0L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task Returning_against_an_unknown_reservation_is_a_404()
    {
        var product = await service.AddProductAsync(10);

        var response = await ReturnAsync(Guid.CreateVersion7(), Guid.CreateVersion7(), (product.Sku, 1));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal((10L, 0L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task Returning_goods_of_a_reservation_that_was_not_committed_is_refused()
    {
        var product = await service.AddProductAsync(10);
        var held = await SellAsync(false, (product.Sku, 2));
        var released = await SellAsync(false, (product.Sku, 3));
        await _client.PostAsync($"/internal/inventory/reservations/{released}/release", null, TestContext.Current.CancellationToken);

        await (await ReturnAsync(Guid.CreateVersion7(), held, (product.Sku, 1))).AssertProblemAsync(HttpStatusCode.Conflict, "reservation-not-committed");
        await (await ReturnAsync(Guid.CreateVersion7(), released, (product.Sku, 1))).AssertProblemAsync(HttpStatusCode.Conflict, "reservation-not-committed");

        Assert.Equal((10L, 2L), await service.StockAsync(product.Sku));
    }

    [Theory]
    [InlineData("""{"returnId":"0195f3a0-0000-7000-8000-000000000011","reservationId":"0195f3a0-0000-7000-8000-000000000012","lines":[]}""", "Lines")]
    [InlineData("""{"reservationId":"0195f3a0-0000-7000-8000-000000000012","lines":[{"sku":"SKU-000001","quantity":1}]}""", "ReturnId")]
    [InlineData("""{"returnId":"0195f3a0-0000-7000-8000-000000000011","lines":[{"sku":"SKU-000001","quantity":1}]}""", "ReservationId")]
    [InlineData("""{"returnId":"00000000-0000-0000-0000-000000000000","reservationId":"0195f3a0-0000-7000-8000-000000000012","lines":[{"sku":"SKU-000001","quantity":1}]}""", "returnId")]
    [InlineData("""{"returnId":"0195f3a0-0000-7000-8000-000000000011","reservationId":"00000000-0000-0000-0000-000000000000","lines":[{"sku":"SKU-000001","quantity":1}]}""", "reservationId")]
    [InlineData("""{"returnId":"0195f3a0-0000-7000-8000-000000000011","reservationId":"0195f3a0-0000-7000-8000-000000000012","lines":[{"quantity":1}]}""", "Lines[0].Sku")]
    [InlineData("""{"returnId":"0195f3a0-0000-7000-8000-000000000011","reservationId":"0195f3a0-0000-7000-8000-000000000012","lines":[{"sku":"SKU-000001","quantity":0}]}""", "Lines[0].Quantity")]
    [InlineData("""{"returnId":"0195f3a0-0000-7000-8000-000000000011","reservationId":"0195f3a0-0000-7000-8000-000000000012","lines":[{"sku":"SKU-000001","quantity":1000}]}""", "Lines[0].Quantity")]
    public async Task Incomplete_returns_are_a_validation_problem(string body, string field)
    {
        var response = await _client.PostAsync("/internal/inventory/returns", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {problem}");
    }

    [Theory]
    [InlineData("""{"returnId":"not-a-guid","reservationId":"0195f3a0-0000-7000-8000-000000000012","lines":[]}""")]
    [InlineData("""{"returnId":"0195f3a0-0000-7000-8000-000000000011","reservationId":"0195f3a0-0000-7000-8000-000000000012","lines":[{"sku":"A","quantity":"many"}]}""")]
    [InlineData("not json")]
    [InlineData("""{"returnId":"0195f3a0-0000-7000-8000-000000000011","reservationId":"0195f3a0-0000-7000-8000-000000000012","lines":[null]}""")]
    public async Task Malformed_returns_are_a_400_problem(string body)
    {
        var response = await _client.PostAsync("/internal/inventory/returns", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
