namespace Bazaar.Gateway.Storefront;

/// <summary>Pages the gateway composes itself from several services (rather than routing to one).</summary>
internal static class StorefrontModule
{
    public static void AddStorefront(this WebApplicationBuilder builder)
    {
        // Governed like every HttpClient: replica choice, the policy's timeout, safe retries.
        builder.Services.AddHttpClient<ProductServiceClient>(client => client.BaseAddress = new("http://product-service"));
        builder.Services.AddHttpClient<RecommendationServiceClient>(client => client.BaseAddress = new("http://recommendation-service"));
    }

    public static void MapStorefront(this WebApplication app) => app.MapProductPage();
}
