namespace Bazaar.Recommendations.Views;

internal static class ViewsModule
{
    public static WebApplicationBuilder AddViews(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ViewQueue>();
        builder.Services.AddSingleton<ViewFilter>();
        builder.Services.AddSingleton<ViewRecorder>();
        builder.Services.AddHostedService<ViewWriter>();
        return builder;
    }
}
