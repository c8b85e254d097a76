using System.Net;
using Bazaar.Bench.Recording;
using Bazaar.Bench.Schedule;

namespace Bazaar.Bench.Scenarios;

/// <summary><c>browse</c>: product detail pages, <c>GET /api/products/{id}</c>, for ids taken from the listing.</summary>
internal sealed class BrowseScenario(BenchHttp http, IReadOnlyList<ProductSummary> products) : IScenario
{
    private readonly Uri[] _pages = ProductPages(http, products);

    public IReadOnlyList<string> RequestTypes { get; } = ["product-detail"];

    public ValueTask<RequestResult> SendAsync(long index, RunRecording recording, CancellationToken cancellationToken) =>
        http.SendAsync(0, Requests.Get(_pages[index % _pages.Length]), HttpStatusCode.OK, cancellationToken);

    public static Uri[] ProductPages(BenchHttp http, IReadOnlyList<ProductSummary> products)
    {
        var pages = new Uri[products.Count];
        for (var i = 0; i < pages.Length; i++) pages[i] = http.Url("/api/products/" + products[i].Id);
        // Spread consecutive requests over the catalog rather than walking it in listing order.
        Random.Shared.Shuffle(pages);
        return pages;
    }
}
