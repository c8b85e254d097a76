namespace Bazaar.Recommendations.Suggestions;

internal static class SuggestionsModule
{
    public static WebApplicationBuilder AddSuggestions(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<RecommendationService>(); // scoped, as the SellableCheck it uses
        return builder;
    }
}
