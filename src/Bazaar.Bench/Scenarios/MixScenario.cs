using System.Net;
using Bazaar.Bench.Recording;
using Bazaar.Bench.Schedule;

namespace Bazaar.Bench.Scenarios;

/// <summary><c>mix</c>: a shop's traffic, weighted home/listing 1, search 2, product detail 10, add to
/// cart 2, view cart 3, checkout and pay 1. The weights are laid out in a fixed interleaved cycle
/// of 19, so every second carries the same mix.</summary>
internal sealed class MixScenario : IScenario
{
    private const int Listing = 0, Search = 1, Detail = 2, AddToCart = 3, ViewCart = 4, Checkout = 5, Refill = 6;

    /// <summary>The request type of each slot of the cycle.</summary>
    internal static readonly int[] Cycle = BuildCycle([(Listing, 1), (Search, 2), (Detail, 10), (AddToCart, 2), (ViewCart, 3), (Checkout, 1)]);

    private readonly BenchHttp _http;
    private readonly Uri _listing;
    private readonly Uri _cart;
    private readonly Uri[] _searches;
    private readonly Uri[] _details;
    private readonly IReadOnlyList<BenchUser> _users;
    private readonly IReadOnlyList<string> _skus;
    private readonly CheckoutFlow _checkout;

    public MixScenario(BenchHttp http, IReadOnlyList<ProductSummary> products, IReadOnlyList<Category> categories,
        IReadOnlyList<BenchUser> shoppers, IReadOnlyList<BenchUser> buyers, IReadOnlyList<string> skus)
    {
        _http = http;
        _listing = http.Url("/api/products?limit=20");
        _cart = http.Url("/api/cart");
        _searches = SearchScenario.Searches(http, products, categories);
        _details = BrowseScenario.ProductPages(http, products);
        _users = shoppers;
        _skus = skus;
        _checkout = new CheckoutFlow(http, buyers, skus, Checkout, Refill);
    }

    public IReadOnlyList<string> RequestTypes { get; } = ["home-listing", "search", "product-detail", "add-to-cart", "view-cart", "checkout", "refill-cart"];

    public ValueTask<RequestResult> SendAsync(long index, RunRecording recording, CancellationToken cancellationToken)
    {
        switch (Cycle[index % Cycle.Length])
        {
            case Listing:
                return _http.SendAsync(Listing, Requests.Get(_listing), HttpStatusCode.OK, cancellationToken);
            case Search:
                return _http.SendAsync(Search, Requests.Get(_searches[index % _searches.Length]), HttpStatusCode.OK, cancellationToken);
            case Detail:
                return _http.SendAsync(Detail, Requests.Get(_details[index % _details.Length]), HttpStatusCode.OK, cancellationToken);
            case AddToCart:
            {
                // Shoppers never check out (buyers do); each cycles through a few SKUs, so carts stay small.
                var user = _users[(int)(index % _users.Count)];
                var sku = _skus[(int)(index / _users.Count % Math.Min(4, _skus.Count))];
                return _http.SendAsync(AddToCart, Requests.SetCartQuantity(_http, user, sku), HttpStatusCode.OK, cancellationToken);
            }
            case ViewCart:
                return _http.SendAsync(ViewCart, Requests.Get(_cart, _users[(int)(index % _users.Count)]), HttpStatusCode.OK, cancellationToken);
            default:
                return _checkout.CheckoutAsync(recording, cancellationToken);
        }
    }

    /// <summary>Spreads each type's slots evenly over the cycle (smooth weighted round robin).</summary>
    private static int[] BuildCycle((int Type, int Weight)[] weights)
    {
        var total = 0;
        foreach (var (_, weight) in weights) total += weight;
        var current = new int[weights.Length];
        var cycle = new int[total];
        for (var slot = 0; slot < total; slot++)
        {
            var best = 0;
            for (var i = 0; i < weights.Length; i++)
            {
                current[i] += weights[i].Weight;
                if (current[i] > current[best]) best = i;
            }
            current[best] -= total;
            cycle[slot] = weights[best].Type;
        }
        return cycle;
    }
}
