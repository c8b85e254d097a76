using System.Net;
using System.Text;
using System.Text.Json;
using Bazaar.Carts.ProductCatalog;
using Bazaar.Platform.Money;
using Xunit;

namespace Bazaar.Carts.Tests;

public sealed class ProductCatalogClientTests
{
    private sealed class StubHandler(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        public List<(HttpMethod Method, string? Path, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.Method, request.RequestUri?.AbsolutePath, await request.Content!.ReadAsStringAsync(cancellationToken)));
            return await answer(request);
        }
    }

    private static ProductCatalogClient ClientOver(HttpMessageHandler handler) =>
        new(new HttpClient(handler) { BaseAddress = new("http://product-service") });

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    [Fact]
    public async Task A_quote_posts_the_skus_and_reads_the_products_back()
    {
        var handler = new StubHandler(_ => Task.FromResult(Json(HttpStatusCode.OK, """
            {"items":[{"sku":"SKU-1","productId":"0195f3a0-0000-7000-8000-000000000001","name":"Mug","categoryId":"0195f3a0-0000-7000-8000-000000000002",
              "unitPrice":{"amount":4.5,"currency":"USD"},"available":3,"active":true}]}
            """)));

        var products = await ClientOver(handler).QuoteAsync(["SKU-1", "SKU-2"], TestContext.Current.CancellationToken);

        var (method, path, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, method);
        Assert.Equal("/internal/products/quote", path);
        Assert.Equal(["SKU-1", "SKU-2"], JsonDocument.Parse(body).RootElement.GetProperty("skus").EnumerateArray().Select(sku => sku.GetString()));
        Assert.Equal(new CatalogProduct("SKU-1", "Mug", new Money(4.5m, "USD"), 3, true), Assert.Single(products).Value);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "{}")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "{}")]
    [InlineData(HttpStatusCode.OK, "not json")]
    public async Task An_error_answer_means_the_catalog_is_unavailable(HttpStatusCode status, string body)
    {
        var client = ClientOver(new StubHandler(_ => Task.FromResult(Json(status, body))));
        await Assert.ThrowsAsync<CatalogUnavailableException>(() => client.QuoteAsync(["SKU-1"], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task No_connection_means_the_catalog_is_unavailable()
    {
        var client = ClientOver(new StubHandler(_ => throw new HttpRequestException("connection refused")));
        await Assert.ThrowsAsync<CatalogUnavailableException>(() => client.QuoteAsync(["SKU-1"], TestContext.Current.CancellationToken));
    }
}
