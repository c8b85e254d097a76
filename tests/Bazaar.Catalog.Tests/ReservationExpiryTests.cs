using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Catalog.Inventory;
using Bazaar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bazaar.Catalog.Tests;

/// <summary>The catalog on a clock the test moves; the sweeper's and the price refresher's own
/// periods are long, so sweeps and refreshes happen when the test triggers them.</summary>
public sealed class ClockedCatalogFactory : CatalogFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings(),
        new("Catalog:Reservations:DefaultTtl", "00:02:00"),
        new("Catalog:Reservations:SweepPeriod", "01:00:00"),
        new("Catalog:Prices:RefreshPeriod", "01:00:00"),
    ];

    protected override void ConfigureServices(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));

    public Task<int> SweepAsync() => Services.GetRequiredService<StockReservations>().ReleaseExpiredAsync(500, TestContext.Current.CancellationToken);
}

public sealed class ReservationExpiryTests(ClockedCatalogFactory service) : IClassFixture<ClockedCatalogFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private Task<HttpResponseMessage> ReserveAsync(Guid reservationId, string sku, int quantity, int? expiresInSeconds = null) =>
        _client.PostAsJsonAsync("/internal/inventory/reservations",
            new { reservationId, lines = new[] { new { sku, quantity } }, expiresInSeconds }, TestContext.Current.CancellationToken);

    private Task<HttpResponseMessage> PostAsync(string url) => _client.PostAsync(url, null, TestContext.Current.CancellationToken);

    [Fact]
    public async Task An_expired_reservation_returns_its_stock_when_swept()
    {
        var product = await service.AddProductAsync(10);
        var id = Guid.CreateVersion7();
        var reserved = await ReserveAsync(id, product.Sku, 4, expiresInSeconds: 60);
        var body = await reserved.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(service.Clock.GetUtcNow().AddSeconds(60), body.GetProperty("expiresAt").GetDateTimeOffset());

        service.Clock.Advance(TimeSpan.FromSeconds(59));
        await service.SweepAsync();
        Assert.Equal((10L, 4L), await service.StockAsync(product.Sku));

        service.Clock.Advance(TimeSpan.FromSeconds(2));
        await service.SweepAsync();
        Assert.Equal((10L, 0L), await service.StockAsync(product.Sku));

        var commit = await PostAsync($"/internal/inventory/reservations/{id}/commit");
        await commit.AssertProblemAsync(HttpStatusCode.Conflict, "reservation-released");
        var release = await PostAsync($"/internal/inventory/reservations/{id}/release");
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.Equal((10L, 0L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task Committing_an_expired_reservation_before_the_sweep_releases_it_and_is_refused()
    {
        var product = await service.AddProductAsync(10);
        var id = Guid.CreateVersion7();
        await ReserveAsync(id, product.Sku, 3, expiresInSeconds: 1);
        service.Clock.Advance(TimeSpan.FromSeconds(1));

        var commit = await PostAsync($"/internal/inventory/reservations/{id}/commit");

        await commit.AssertProblemAsync(HttpStatusCode.Conflict, "reservation-released");
        Assert.Equal((10L, 0L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task A_committed_reservation_never_expires()
    {
        var product = await service.AddProductAsync(10);
        var id = Guid.CreateVersion7();
        await ReserveAsync(id, product.Sku, 3, expiresInSeconds: 5);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync($"/internal/inventory/reservations/{id}/commit")).StatusCode);

        service.Clock.Advance(TimeSpan.FromMinutes(1));
        await service.SweepAsync();

        Assert.Equal((7L, 0L), await service.StockAsync(product.Sku));
    }

    [Fact]
    public async Task Without_a_ttl_the_configured_default_applies()
    {
        var product = await service.AddProductAsync(10);
        var response = await ReserveAsync(Guid.CreateVersion7(), product.Sku, 1);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(service.Clock.GetUtcNow().AddMinutes(2), body.GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Two_sweepers_at_once_release_each_reservation_once()
    {
        var product = await service.AddProductAsync(100);
        for (var i = 0; i < 20; i++) await ReserveAsync(Guid.CreateVersion7(), product.Sku, 2, expiresInSeconds: 10);
        service.Clock.Advance(TimeSpan.FromSeconds(10));

        var released = await Task.WhenAll(service.SweepAsync(), service.SweepAsync(), service.SweepAsync());

        Assert.True(released.Sum() >= 20, $"all twenty released ({string.Join(",", released)})");
        Assert.Equal((100L, 0L), await service.StockAsync(product.Sku));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(86_401)]
    public async Task A_ttl_outside_a_second_to_a_day_is_a_validation_problem(int seconds)
    {
        var product = await service.AddProductAsync(10);
        var response = await ReserveAsync(Guid.CreateVersion7(), product.Sku, 1, seconds);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("ExpiresInSeconds", out _), problem.ToString());
        Assert.Equal((10L, 0L), await service.StockAsync(product.Sku));
    }
}
