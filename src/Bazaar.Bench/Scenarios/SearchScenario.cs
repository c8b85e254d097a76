using System.Net;
using Bazaar.Bench.Recording;
using Bazaar.Bench.Schedule;

namespace Bazaar.Bench.Scenarios;

/// <summary><c>search</c>: text search with a category filter,
/// <c>GET /api/products?q=...&amp;category=...&amp;limit=20</c>, words taken from product names.</summary>
internal sealed class SearchScenario(BenchHttp http, IReadOnlyList<ProductSummary> products, IReadOnlyList<Category> categories) : IScenario
{
    private readonly Uri[] _searches = Searches(http, products, categories);

    public IReadOnlyList<string> RequestTypes { get; } = ["search"];

    public ValueTask<RequestResult> SendAsync(long index, RunRecording recording, CancellationToken cancellationToken) =>
        http.SendAsync(0, Requests.Get(_searches[index % _searches.Length]), HttpStatusCode.OK, cancellationToken);

    /// <summary>Each product's first name word with its own category (so most searches find
    /// something), and every other one with no category filter.</summary>
    public static Uri[] Searches(BenchHttp http, IReadOnlyList<ProductSummary> products, IReadOnlyList<Category> categories)
    {
        var known = new HashSet<Guid>();
        foreach (var category in categories) known.Add(category.Id);
        var searches = new List<Uri>();
        for (var i = 0; i < products.Count; i++)
        {
            var product = products[i];
            var word = product.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : product.Name;
            var query = "/api/products?q=" + Uri.EscapeDataString(word) + "&limit=20";
            if (i % 2 == 0 && known.Contains(product.CategoryId)) query += "&category=" + product.CategoryId;
            searches.Add(http.Url(query));
        }
        var result = searches.ToArray();
        Random.Shared.Shuffle(result);
        return result;
    }
}
