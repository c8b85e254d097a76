using System.ComponentModel.DataAnnotations;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Catalog.Caching;
using Bazaar.Platform.Data;
using Bazaar.Platform.Governance;
using Bazaar.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Bazaar.Catalog.Tests;

/// <summary>Stale-if-error product pages: while the database cannot be read, a page read at most
/// <c>Catalog:Cache:MaxStale</c> ago is served marked degraded; without one the answer is a 503.</summary>
public sealed class StaleCatalogTests(StaleCatalogFactory service) : IClassFixture<StaleCatalogFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A product of its own and the address of its detail page or of its category's listing.</summary>
    private async Task<(string Url, string Sku)> PageAsync(string kind)
    {
        var category = await service.AddCategoryAsync();
        var product = await service.AddProductAsync(7, category);
        return (kind == "detail" ? $"/api/products/{product.Id}" : $"/api/products?category={category}", product.Sku);
    }

    private async Task<string> UrlAsync(string kind) => (await PageAsync(kind)).Url;

    private async Task<T> WhileTheDatabaseIsDownAsync<T>(Func<Task<T>> action)
    {
        service.DatabaseDown = true;
        try
        {
            return await action();
        }
        finally
        {
            service.DatabaseDown = false;
        }
    }

    private Task<HttpResponseMessage> GetAsync(string url) => _client.GetAsync(url, Cancellation);

    private static async Task<int> AvailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var product = body.TryGetProperty("items", out var items) ? items.EnumerateArray().Single() : body;
        return product.GetProperty("available").GetInt32();
    }

    private static bool IsDegraded(HttpResponseMessage response) => response.Headers.Contains(CachedJsonResult.DegradedHeader);

    [Theory]
    [InlineData("detail")]
    [InlineData("listing")]
    public async Task A_page_past_its_ttl_is_served_stale_while_the_database_cannot_be_read_and_fresh_once_it_is_back(string kind)
    {
        var (url, sku) = await PageAsync(kind);
        var first = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(IsDegraded(first));
        Assert.Null(first.Headers.Age);
        Assert.Equal(StaleCatalogFactory.Ttl, first.Headers.CacheControl!.SharedMaxAge);
        service.Clock.Advance(TimeSpan.FromSeconds(42));
        using var degraded = new DegradedCounter(service);

        var stale = await WhileTheDatabaseIsDownAsync(() => GetAsync(url));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal("stale-catalog", Assert.Single(stale.Headers.GetValues(CachedJsonResult.DegradedHeader)));
        Assert.Equal(TimeSpan.FromSeconds(42), stale.Headers.Age);
        Assert.True(stale.Headers.CacheControl!.NoCache); // never offered to the gateway's cache
        Assert.Null(stale.Headers.CacheControl.SharedMaxAge);
        Assert.Equal(first.Headers.ETag, stale.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(Cancellation), await stale.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(1, degraded.Count);

        // Back: the page is read again (stock changed behind the API's back meanwhile).
        await using (var connection = await service.Services.GetRequiredService<Database>().OpenAsync(Cancellation))
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE inventory SET on_hand = 3 WHERE sku = @sku", new { sku }, cancellationToken: Cancellation));
        }
        var fresh = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.False(IsDegraded(fresh));
        Assert.Null(fresh.Headers.Age);
        Assert.Equal(3, await AvailableAsync(fresh));
        Assert.Equal(1, degraded.Count);
    }

    [Fact]
    public async Task Shared_caches_may_keep_a_page_for_what_is_left_of_its_freshness_and_browsers_must_revalidate()
    {
        var (url, _) = await PageAsync("detail");
        var first = (await GetAsync(url)).Headers.CacheControl!;
        Assert.True(first.Public);
        Assert.Equal(TimeSpan.Zero, first.MaxAge);
        Assert.Equal(StaleCatalogFactory.Ttl, first.SharedMaxAge);

        service.Clock.Advance(StaleCatalogFactory.Ttl - TimeSpan.FromSeconds(1.5));
        Assert.Equal(TimeSpan.FromSeconds(1), (await GetAsync(url)).Headers.CacheControl!.SharedMaxAge);

        // In its last second a page is read again, so what a shared cache is offered is never too short to keep.
        service.Clock.Advance(TimeSpan.FromSeconds(0.6));
        Assert.Equal(StaleCatalogFactory.Ttl, (await GetAsync(url)).Headers.CacheControl!.SharedMaxAge);
    }

    [Fact]
    public async Task A_page_read_again_in_its_last_second_is_still_served_fresh_when_the_database_fails()
    {
        var url = await UrlAsync("detail");
        var first = await GetAsync(url);
        service.Clock.Advance(StaleCatalogFactory.Ttl - TimeSpan.FromSeconds(0.5));

        var lastSecond = await WhileTheDatabaseIsDownAsync(() => GetAsync(url));

        Assert.Equal(HttpStatusCode.OK, lastSecond.StatusCode);
        Assert.False(IsDegraded(lastSecond));
        Assert.Equal(first.Headers.ETag, lastSecond.Headers.ETag);
        Assert.True(lastSecond.Headers.CacheControl!.NoCache); // half a second left: not offered to shared caches
    }

    [Fact]
    public async Task A_stale_page_the_client_holds_is_a_304_that_still_says_it_is_stale()
    {
        var url = await UrlAsync("detail");
        var etag = (await GetAsync(url)).Headers.ETag!;
        service.Clock.Advance(StaleCatalogFactory.Ttl);

        var again = await WhileTheDatabaseIsDownAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.IfNoneMatch.Add(etag);
            return await _client.SendAsync(request, Cancellation);
        });

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.True(IsDegraded(again));
        Assert.Equal(StaleCatalogFactory.Ttl, again.Headers.Age);
    }

    [Fact]
    public async Task A_fresh_page_is_served_from_the_cache_without_reading_the_database()
    {
        var url = await UrlAsync("detail");
        await GetAsync(url);
        service.Clock.Advance(StaleCatalogFactory.Ttl - TimeSpan.FromSeconds(1));

        var cached = await WhileTheDatabaseIsDownAsync(() => GetAsync(url));

        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.False(IsDegraded(cached));
    }

    [Theory]
    [InlineData("detail")]
    [InlineData("listing")]
    public async Task Without_a_stale_page_a_failed_read_is_a_503_to_retry(string kind)
    {
        var url = await UrlAsync(kind);
        using var degraded = new DegradedCounter(service);

        var response = await WhileTheDatabaseIsDownAsync(() => GetAsync(url));

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "catalog-unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(0, degraded.Count);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task The_uncached_reads_are_a_503_to_retry_while_the_database_cannot_be_read()
    {
        var (_, sku) = await PageAsync("detail");

        var quote = await WhileTheDatabaseIsDownAsync(() => _client.PostAsJsonAsync("/internal/products/quote", new { skus = new[] { sku } }, Cancellation));
        var categories = await WhileTheDatabaseIsDownAsync(() => GetAsync("/api/categories"));

        await quote.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "catalog-unavailable");
        Assert.NotNull(quote.Headers.RetryAfter);
        await categories.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "catalog-unavailable");
        Assert.NotNull(categories.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsJsonAsync("/internal/products/quote", new { skus = new[] { sku } }, Cancellation)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/categories")).StatusCode);
    }

    [Fact]
    public async Task A_page_older_than_max_stale_is_not_served()
    {
        var url = await UrlAsync("detail");
        await GetAsync(url);
        service.Clock.Advance(StaleCatalogFactory.MaxStale - TimeSpan.FromSeconds(1));
        Assert.True(IsDegraded(await WhileTheDatabaseIsDownAsync(() => GetAsync(url))));

        service.Clock.Advance(TimeSpan.FromSeconds(1));
        var response = await WhileTheDatabaseIsDownAsync(() => GetAsync(url));

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "catalog-unavailable");
    }

    [Fact]
    public async Task A_page_is_never_served_stale_past_a_price_change()
    {
        var product = await service.AddProductAsync(7);
        var now = service.Clock.GetUtcNow();
        await service.Services.GetRequiredService<Pricing.PriceBook>().AddAsync(new Pricing.PriceRow
        {
            Sku = product.Sku, ListPrice = 20m, SalePrice = 15m, ValidFrom = now, ValidTo = now.AddSeconds(30), CreatedAt = now, CreatedBy = "test",
        }, Cancellation);
        var url = $"/api/products/{product.Id}";
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(url)).StatusCode);
        service.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.True(IsDegraded(await WhileTheDatabaseIsDownAsync(() => GetAsync(url))));

        service.Clock.Advance(TimeSpan.FromSeconds(1)); // the sale ends: the kept page has the wrong price

        await (await WhileTheDatabaseIsDownAsync(() => GetAsync(url))).AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "catalog-unavailable");
    }

    [Fact]
    public async Task An_admin_change_drops_the_pages_that_could_have_been_served_stale()
    {
        var url = await UrlAsync("detail");
        await GetAsync(url);
        service.Clock.Advance(StaleCatalogFactory.Ttl);

        service.Services.GetRequiredService<CatalogCache>().Invalidate();

        await (await WhileTheDatabaseIsDownAsync(() => GetAsync(url))).AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "catalog-unavailable");
    }

    [Theory]
    [InlineData("00:00:05", "00:05:00", true)]
    [InlineData("00:00:05", "00:00:05", false)] // not beyond the TTL
    [InlineData("00:01:00", "00:00:30", false)]
    [InlineData("00:00:05", "1.00:00:00", true)]
    [InlineData("00:00:05", "1.00:00:01", false)] // more than a day
    public void MaxStale_must_exceed_the_ttl_and_stay_within_a_day(string ttl, string maxStale, bool valid)
    {
        var options = new CacheOptions
        {
            Ttl = TimeSpan.Parse(ttl, System.Globalization.CultureInfo.InvariantCulture),
            MaxStale = TimeSpan.Parse(maxStale, System.Globalization.CultureInfo.InvariantCulture),
        };

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public async Task Pages_read_together_are_fresh_for_between_ttl_less_its_spread_and_the_ttl(double spread)
    {
        var options = Options.Create(new CacheOptions { Ttl = TimeSpan.FromSeconds(10), TtlSpread = spread });
        using var cache = new CatalogCache(options, service.Clock, service.Services.GetRequiredService<GovernanceMetrics>(), NullLogger<CatalogCache>.Instance);
        var readAt = service.Clock.GetUtcNow();

        var freshFor = new List<TimeSpan>();
        for (var page = 0; page < 50; page++)
        {
            var read = await cache.GetOrCreateAsync($"page-{page}", _ => Task.FromResult<FreshJson?>(new FreshJson([1], ValidUntil: null)), Cancellation);
            freshFor.Add(read!.Json.FreshUntil - readAt);
        }

        Assert.All(freshFor, fresh => Assert.InRange(fresh, TimeSpan.FromSeconds(10) * (1 - spread), TimeSpan.FromSeconds(10)));
        Assert.Equal(spread == 0 ? 1 : 50, freshFor.Distinct().Count()); // spread: they expire apart
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var defaults = new CacheOptions();

        Assert.True(Validator.TryValidateObject(defaults, new ValidationContext(defaults), [], validateAllProperties: true));
    }

    [Fact]
    public void The_service_refuses_to_start_with_a_max_stale_within_the_ttl()
    {
        using var misconfigured = new MisconfiguredFactory();

        var failure = Assert.ThrowsAny<OptionsValidationException>(() => misconfigured.CreateClient());

        Assert.Contains("MaxStale", failure.Message, StringComparison.Ordinal);
    }

    private sealed class MisconfiguredFactory : CatalogFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
            [.. base.Settings(), new("Catalog:Cache:Ttl", "00:00:30"), new("Catalog:Cache:MaxStale", "00:00:10")];
    }

    /// <summary>Counts <c>bazaar.degraded</c> measurements for <c>stale-catalog</c> from this service only.</summary>
    private sealed class DegradedCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public DegradedCounter(StaleCatalogFactory service)
        {
            var meters = service.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "bazaar.degraded") listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag is { Key: "part", Value: "stale-catalog" }) Interlocked.Add(ref _count, value);
                }
            });
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
