namespace Bazaar.Bench.Scenarios;

/// <summary>The scenarios by name, and the preparation each needs before the clock starts.</summary>
internal static class ScenarioCatalog
{
    public static readonly string[] Names = ["browse", "search", "mix", "checkout"];

    public static async Task<IScenario> PrepareAsync(string name, BenchHttp http, int users, int products, TextWriter log, CancellationToken cancellationToken)
    {
        try
        {
            return await PrepareScenarioAsync(name, http, users, products, log, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new PreparationException($"Preparing {name} against {http.Target} failed: {exception.Message}");
        }
    }

    private static async Task<IScenario> PrepareScenarioAsync(string name, BenchHttp http, int users, int products, TextWriter log, CancellationToken cancellationToken)
    {
        var preparation = new Preparation(http, log);
        var listed = await preparation.ProductsAsync(products, cancellationToken);
        switch (name)
        {
            case "browse":
                return new BrowseScenario(http, listed);
            case "search":
                return new SearchScenario(http, listed, await preparation.CategoriesAsync(cancellationToken));
            case "checkout":
            {
                var skus = Preparation.WellStockedSkus(listed, BestStocked(listed.Count));
                var buyers = await preparation.UsersAsync(users, skus, cancellationToken);
                await preparation.FillCartsAsync(buyers, cancellationToken);
                return new CheckoutScenario(http, buyers, skus);
            }
            case "mix":
            {
                var skus = Preparation.WellStockedSkus(listed, BestStocked(listed.Count));
                var everyone = await preparation.UsersAsync(Math.Max(2, users), skus, cancellationToken);
                // Buyers check out; shoppers only fill and view their carts, so the add-to-cart load never piles into orders.
                var half = everyone.Count / 2;
                var buyers = everyone[..half];
                await preparation.FillCartsAsync(buyers, cancellationToken);
                return new MixScenario(http, listed, await preparation.CategoriesAsync(cancellationToken), everyone[half..], buyers, skus);
            }
            default:
                throw new ArgumentException($"Unknown scenario '{name}'; one of: {string.Join(", ", Names)}, baseline.", nameof(name));
        }
    }

    /// <summary>Orders rotate through the best-stocked quarter of the listed products: rotating through
    /// all of them empties those with a handful of units within seconds, and the checkouts that follow
    /// get 409 insufficient-stock, a right answer from the shop that measures nothing about it.</summary>
    private static int BestStocked(int listed) => Math.Max(1, listed / 4);
}
