using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Catalog.Tests;

public sealed class ReservationApiTests(CatalogFactory service) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private Task<HttpResponseMessage> ReserveAsync(Guid reservationId, params (string Sku, int Quantity)[] lines) =>
        _client.PostAsJsonAsync("/internal/inventory/reservations",
            new { reservationId, lines = lines.Select(line => new { sku = line.Sku, quantity = line.Quantity }) }, TestContext.Current.CancellationToken);

    private Task<HttpResponseMessage> PostAsync(string url) =>
        _client.PostAsync(url, null, TestContext.Current.CancellationToken);

    private static async Task<string?> StatusOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("status").GetString();
    }

    [Fact]
    public async Task Fifty_concurrent_buyers_of_ten_units_leave_exactly_ten_reserved_and_none_oversold()
    {
        var product = await service.AddProductAsync(10);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => ReserveAsync(Guid.CreateVersion7(), (product.Sku, 1))));

        Assert.Equal(10, responses.Count(response => response.StatusCode == HttpStatusCode.OK));
        foreach (var refused in responses.Where(response => response.StatusCode != HttpStatusCode.OK))
        {
            await refused.AssertProblemAsync(HttpStatusCode.Conflict, "insufficient-stock");
        }
        Assert.Equal((10L, 10L), await service.StockAsync(product.Sku));
        var detail = await _client.GetFromJsonAsync<JsonElement>($"/api/products/{product.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(0, detail.GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task A_retried_reservation_reserves_once()
    {
        var product = await service.AddProductAsync(10);
        var id = Guid.CreateVersion7();

        var first = await ReserveAsync(id, (product.Sku, 3));
        var retry = await ReserveAsync(id, (product.Sku, 3));

        Assert.Equal("Reserved", await StatusOf(first));
        Assert.Equal("Reserved", await StatusOf(retry));
        Assert.Equal((10L, 3L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task A_reservation_id_reused_for_other_goods_is_a_conflict()
    {
        var product = await service.AddProductAsync(10);
        var id = Guid.CreateVersion7();
        await ReserveAsync(id, (product.Sku, 3));

        var other = await ReserveAsync(id, (product.Sku, 4));

        await other.AssertProblemAsync(HttpStatusCode.Conflict, "reservation-id-reused");
        Assert.Equal((10L, 3L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task Repeated_skus_in_one_reservation_add_up()
    {
        var product = await service.AddProductAsync(10);

        var response = await ReserveAsync(Guid.CreateVersion7(), (product.Sku, 2), (product.Sku, 5));

        Assert.Equal("Reserved", await StatusOf(response));
        Assert.Equal((10L, 7L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task A_multi_line_reservation_holds_all_lines_or_none()
    {
        var plenty = await service.AddProductAsync(10);
        var scarce = await service.AddProductAsync(1);

        var refused = await ReserveAsync(Guid.CreateVersion7(), (plenty.Sku, 2), (scarce.Sku, 2));

        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict, "insufficient-stock");
        Assert.Contains(scarce.Sku, problem.GetProperty("detail").GetString());
        Assert.Equal([scarce.Sku], problem.GetProperty("skus").EnumerateArray().Select(sku => sku.GetString()));
        Assert.Equal((10L, 0L), await service.StockAsync(plenty.Sku));
        Assert.Equal((1L, 0L), await service.StockAsync(scarce.Sku));

        var accepted = await ReserveAsync(Guid.CreateVersion7(), (plenty.Sku, 2), (scarce.Sku, 1));
        Assert.Equal("Reserved", await StatusOf(accepted));
        Assert.Equal((10L, 2L), await service.StockAsync(plenty.Sku));
        Assert.Equal((1L, 1L), await service.StockAsync(scarce.Sku));
    }

    [Fact]
    public async Task An_unknown_sku_is_a_404_and_reserves_nothing()
    {
        var product = await service.AddProductAsync(10);

        var response = await ReserveAsync(Guid.CreateVersion7(), (product.Sku, 1), ("NO-SUCH-SKU", 1));

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound, "unknown-sku");
        Assert.Contains("NO-SUCH-SKU", problem.GetProperty("detail").GetString());
        Assert.Equal((10L, 0L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task Commit_takes_the_stock_away_once()
    {
        var product = await service.AddProductAsync(10);
        var id = Guid.CreateVersion7();
        await ReserveAsync(id, (product.Sku, 4));

        Assert.Equal("Committed", await StatusOf(await PostAsync($"/internal/inventory/reservations/{id}/commit")));
        Assert.Equal("Committed", await StatusOf(await PostAsync($"/internal/inventory/reservations/{id}/commit")));

        Assert.Equal((6L, 0L), await service.StockAsync(product.Sku));
        var retry = await ReserveAsync(id, (product.Sku, 4));
        Assert.Equal("Committed", await StatusOf(retry));
        Assert.Equal((6L, 0L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task Release_returns_the_stock_once()
    {
        var product = await service.AddProductAsync(10);
        var id = Guid.CreateVersion7();
        await ReserveAsync(id, (product.Sku, 4));

        Assert.Equal("Released", await StatusOf(await PostAsync($"/internal/inventory/reservations/{id}/release")));
        Assert.Equal("Released", await StatusOf(await PostAsync($"/internal/inventory/reservations/{id}/release")));

        Assert.Equal((10L, 0L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task Release_after_commit_is_refused_and_moves_nothing()
    {
        var product = await service.AddProductAsync(10);
        var id = Guid.CreateVersion7();
        await ReserveAsync(id, (product.Sku, 4));
        await PostAsync($"/internal/inventory/reservations/{id}/commit");

        var release = await PostAsync($"/internal/inventory/reservations/{id}/release");

        await release.AssertProblemAsync(HttpStatusCode.Conflict, "reservation-committed");
        Assert.Equal((6L, 0L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task Commit_after_release_is_refused_and_moves_nothing()
    {
        var product = await service.AddProductAsync(10);
        var id = Guid.CreateVersion7();
        await ReserveAsync(id, (product.Sku, 4));
        await PostAsync($"/internal/inventory/reservations/{id}/release");

        var commit = await PostAsync($"/internal/inventory/reservations/{id}/commit");

        await commit.AssertProblemAsync(HttpStatusCode.Conflict, "reservation-released");
        Assert.Equal((10L, 0L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task Committing_an_unknown_reservation_is_a_404()
    {
        var response = await PostAsync($"/internal/inventory/reservations/{Guid.NewGuid()}/commit");
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_reserve_that_arrives_after_its_release_holds_nothing()
    {
        // The caller lost the answer to its reserve, released it, and then the reserve arrived.
        var product = await service.AddProductAsync(5);
        var id = Guid.NewGuid();

        Assert.Equal("Released", await StatusOf(await PostAsync($"/internal/inventory/reservations/{id}/release")));
        Assert.Equal("Released", await StatusOf(await ReserveAsync(id, (product.Sku, 2))));

        Assert.Equal((5L, 0L), await service.StockAsync(product.Sku));
        Assert.Equal("Released", await StatusOf(await PostAsync($"/internal/inventory/reservations/{id}/release")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1000)]
    public async Task Quantities_outside_1_to_999_are_a_validation_problem_and_reserve_nothing(int quantity)
    {
        var product = await service.AddProductAsync(5000);

        var response = await ReserveAsync(Guid.CreateVersion7(), (product.Sku, quantity));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal((5000L, 0L), await service.StockAsync(product.Sku));
    }

    [Theory]
    [InlineData("""{"reservationId":"0195f3a0-0000-7000-8000-000000000001","lines":[]}""", "Lines")]
    [InlineData("""{"lines":[{"sku":"SKU-000001","quantity":1}]}""", "ReservationId")]
    [InlineData("""{"reservationId":"00000000-0000-0000-0000-000000000000","lines":[{"sku":"SKU-000001","quantity":1}]}""", "reservationId")]
    [InlineData("""{"reservationId":"0195f3a0-0000-7000-8000-000000000002","lines":[{"quantity":1}]}""", "Lines[0].Sku")]
    public async Task Incomplete_reservations_are_a_validation_problem(string body, string field)
    {
        var response = await _client.PostAsync("/internal/inventory/reservations", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {problem}");
    }

    [Theory]
    [InlineData("""{"reservationId":"not-a-guid","lines":[]}""")]
    [InlineData("""{"reservationId":"0195f3a0-0000-7000-8000-000000000003","lines":[{"sku":"A","quantity":"many"}]}""")]
    [InlineData("not json")]
    [InlineData("""{"reservationId":"0195f3a0-0000-7000-8000-000000000004","lines":[null]}""")]
    public async Task Malformed_reservations_are_a_400_problem(string body)
    {
        var response = await _client.PostAsync("/internal/inventory/reservations", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
