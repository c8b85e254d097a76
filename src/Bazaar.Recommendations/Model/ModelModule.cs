using Bazaar.Platform.Health;

namespace Bazaar.Recommendations.Model;

internal static class ModelModule
{
    public static WebApplicationBuilder AddRecommendationModel(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RecommendationOptions>().BindConfiguration("Recommendations").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ModelStore>();
        builder.Services.AddSingleton<IModelSource>(services => services.GetRequiredService<ModelStore>());
        builder.Services.AddSingleton<ModelCache>();
        builder.Services.AddHostedService<ModelRefresher>();
        builder.Services.AddHealthChecks().AddCheck<ModelReadyCheck>("recommendation-model", tags: [HealthExtensions.ReadyTag]);
        return builder;
    }
}
