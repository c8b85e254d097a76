using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Platform.Auth;
using Xunit;

namespace Bazaar.Catalog.Tests;

public sealed class CacheTests(CatalogFactory service) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private async Task<HttpResponseMessage> GetAsync(string url, string? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (etag is not null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
        return await _client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("detail")]
    [InlineData("listing")]
    public async Task A_matching_if_none_match_is_a_304_without_a_body(string kind)
    {
        var category = await service.AddCategoryAsync();
        var product = await service.AddProductAsync(2, category);
        var url = kind == "detail" ? $"/api/products/{product.Id}" : $"/api/products?category={category}";

        var first = await GetAsync(url);
        var etag = first.Headers.ETag!.ToString();
        var again = await GetAsync(url, etag);
        var stale = await GetAsync(url, "\"something-else\"");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(etag, again.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
    }

    [Fact]
    public async Task An_admin_change_is_seen_at_once_with_a_new_etag()
    {
        var category = await service.AddCategoryAsync();
        var product = await service.AddProductAsync(2, category, price: 10m);
        var detailUrl = $"/api/products/{product.Id}";
        var listUrl = $"/api/products?category={category}";
        var detailTag = (await GetAsync(detailUrl)).Headers.ETag!.ToString();
        var listTag = (await GetAsync(listUrl)).Headers.ETag!.ToString();

        var admin = service.ClientFor(Guid.CreateVersion7(), Roles.Admin);
        var set = await admin.PutAsJsonAsync($"/api/admin/catalog/products/{product.Id}/price", new { listPrice = 12m }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        var detail = await GetAsync(detailUrl, detailTag);
        var list = await GetAsync(listUrl, listTag);
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.NotEqual(detailTag, detail.Headers.ETag!.ToString());
        Assert.Equal(12m, (await detail.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("price").GetProperty("amount").GetDecimal());
    }
}
