using Bazaar.Platform.Health;
using Bazaar.Recommendations.Model.Shared;

namespace Bazaar.Recommendations.Model;

internal static class ModelModule
{
    /// <summary>The in-memory lists requests answer from: built by every replica from the counts
    /// (the embedded default), or, when <paramref name="redis"/> is configured, built by one replica
    /// and shared with the others through Redis.</summary>
    public static WebApplicationBuilder AddRecommendationModel(this WebApplicationBuilder builder, bool redis)
    {
        builder.Services.AddOptions<RecommendationOptions>().BindConfiguration("Recommendations").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ModelStore>();
        builder.Services.AddSingleton<IModelSource>(services => services.GetRequiredService<ModelStore>());
        if (redis)
        {
            builder.Services.AddSharedLists();
        }
        else
        {
            builder.Services.AddSingleton<ModelCache>();
            builder.Services.AddSingleton<IModelLists>(services => services.GetRequiredService<ModelCache>());
            builder.Services.AddHostedService<ModelRefresher>();
        }
        builder.Services.AddHealthChecks().AddCheck<ModelReadyCheck>("recommendation-model", tags: [HealthExtensions.ReadyTag]);
        return builder;
    }
}
