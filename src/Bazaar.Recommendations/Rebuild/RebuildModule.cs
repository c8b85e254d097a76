namespace Bazaar.Recommendations.Rebuild;

internal static class RebuildModule
{
    public static WebApplicationBuilder AddRebuild(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ModelRebuild>();
        return builder;
    }
}
