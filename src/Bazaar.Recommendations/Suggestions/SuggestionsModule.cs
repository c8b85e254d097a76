namespace Bazaar.Recommendations.Suggestions;

internal static class SuggestionsModule
{
    public static WebApplicationBuilder AddSuggestions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SignalRepository>();
        // Scoped: it holds a typed HttpClient, which must not outlive its handler rotation.
        builder.Services.AddScoped<RecommendationService>();
        return builder;
    }
}
