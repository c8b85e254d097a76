using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bazaar.Bench.Scenarios;

/// <summary>What is made before the clock starts: the product ids and SKUs from the listing, the
/// categories, users registered and logged in (their tokens), and their carts filled.</summary>
internal sealed class Preparation(BenchHttp http, TextWriter log)
{
    public const string Password = "bench-password";

    /// <summary>Active products from the listing, up to <paramref name="limit"/>, in pages of 100.</summary>
    public async Task<List<ProductSummary>> ProductsAsync(int limit, CancellationToken cancellationToken)
    {
        var products = new List<ProductSummary>();
        string? after = null;
        do
        {
            var url = "/api/products?limit=100" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            var page = await GetAsync(url, ApiJson.Default.ProductPage, cancellationToken);
            products.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null && products.Count < limit);
        if (products.Count == 0) throw new PreparationException($"{http.Target} lists no products: is the catalog seeded?");
        log.WriteLine($"prepared: {products.Count} products from the listing");
        return products.Count > limit ? products[..limit] : products;
    }

    public async Task<List<Category>> CategoriesAsync(CancellationToken cancellationToken) =>
        await GetAsync("/api/categories", ApiJson.Default.ListCategory, cancellationToken);

    /// <summary>Registers <paramref name="count"/> new users (distinct per run, so the load spreads over
    /// many users as per-user rate limits expect) and logs each in; each gets a cart SKU from <paramref name="skus"/>.</summary>
    public async Task<List<BenchUser>> UsersAsync(int count, IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        var tag = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var users = new BenchUser[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var email = string.Create(CultureInfo.InvariantCulture, $"bench-{tag}-{i:D5}@bazaar.test");
            using var registered = await PostPatientlyAsync("/api/users/register",
                JsonSerializer.SerializeToUtf8Bytes(new RegisterRequest(email, Password, "Bench shopper " + i), ApiJson.Default.RegisterRequest), token);
            if (registered.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
            {
                throw new PreparationException($"Registering {email} answered {(int)registered.StatusCode}: {await registered.Content.ReadAsStringAsync(token)}");
            }
            using var login = await PostPatientlyAsync("/api/users/login",
                JsonSerializer.SerializeToUtf8Bytes(new LoginRequest(email, Password), ApiJson.Default.LoginRequest), token);
            if (login.StatusCode != HttpStatusCode.OK)
            {
                throw new PreparationException($"Logging in {email} answered {(int)login.StatusCode}: {await login.Content.ReadAsStringAsync(token)}");
            }
            var tokens = await login.Content.ReadFromJsonAsync(ApiJson.Default.TokenResponse, token)
                ?? throw new PreparationException($"Logging in {email} gave no token.");
            users[i] = new BenchUser(email, "Bearer " + tokens.AccessToken, skus[i % skus.Count]);
        });
        log.WriteLine($"prepared: {count} users registered and logged in");
        return [.. users];
    }

    /// <summary>POSTs, waiting out the gateway's rate limit on sign-up and login (429 with Retry-After)
    /// as a well-behaved client does: preparation happens before the clock starts, so waiting costs
    /// nothing measured, and a shop's protection is not a reason to give up.</summary>
    private async Task<HttpResponseMessage> PostPatientlyAsync(string path, byte[] body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await http.Client.PostAsync(http.Url(path), BenchHttp.Body(body), cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == MaxRateLimitedAttempts)
            {
                return response;
            }
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait, cancellationToken);
        }
    }

    private const int MaxRateLimitedAttempts = 120;

    /// <summary>Puts one unit of each user's cart SKU in their cart.</summary>
    public async Task FillCartsAsync(IReadOnlyList<BenchUser> users, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (user, token) =>
        {
            using var request = Requests.SetCartQuantity(http, user, user.CartSku);
            using var response = await http.Client.SendAsync(request, token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new PreparationException($"Filling the cart of {user.Email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token)}");
            }
        });
        log.WriteLine($"prepared: {users.Count} carts filled");
    }

    /// <summary>SKUs with the most stock, so orders run out of stock as late as possible.</summary>
    public static List<string> WellStockedSkus(IReadOnlyList<ProductSummary> products, int count)
    {
        var sorted = new List<ProductSummary>(products);
        sorted.Sort((a, b) => b.Available.CompareTo(a.Available));
        var skus = new List<string>();
        foreach (var product in sorted)
        {
            if (product.Available <= 0 || skus.Count == count) break;
            skus.Add(product.Sku);
        }
        if (skus.Count == 0) throw new PreparationException("No listed product is in stock.");
        return skus;
    }

    private async Task<T> GetAsync<T>(string url, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.Client.GetAsync(http.Url(url), cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new PreparationException($"{http.Target} cannot be reached ({exception.Message}). Is the platform running? (dotnet run --project src/Bazaar.Host)");
        }
        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new PreparationException($"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            try
            {
                return await response.Content.ReadFromJsonAsync(type, cancellationToken) ?? throw new PreparationException($"GET {url} answered null.");
            }
            catch (JsonException exception)
            {
                throw new PreparationException($"GET {url} did not answer the expected JSON: {exception.Message}");
            }
        }
    }
}
