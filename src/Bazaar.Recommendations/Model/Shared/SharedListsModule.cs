using Microsoft.Extensions.Options;

namespace Bazaar.Recommendations.Model.Shared;

internal static class SharedListsModule
{
    /// <summary>The lists shared through Redis: one replica builds and publishes them, every
    /// replica answers from its mirror of them.</summary>
    public static IServiceCollection AddSharedLists(this IServiceCollection services)
    {
        services.AddOptions<RedisListOptions>().BindConfiguration("Recommendations:Redis").ValidateDataAnnotations()
            .Validate<IOptions<RecommendationOptions>>((redis, model) => redis.LeaseDuration >= 3 * model.Value.RefreshInterval,
                "Recommendations:Redis:LeaseDuration must be at least three times Recommendations:RefreshInterval, or builders change at every hiccup.")
            .ValidateOnStart();
        services.AddSingleton<RedisLists>();
        services.AddSingleton<ListLease>();
        services.AddSingleton<ListPublisher>();
        services.AddSingleton<ListMirror>();
        services.AddSingleton<IModelLists>(provider => provider.GetRequiredService<ListMirror>());
        services.AddSingleton<SharedListRefresher>();
        services.AddHostedService(provider => provider.GetRequiredService<SharedListRefresher>());
        return services;
    }
}
