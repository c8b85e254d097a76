namespace Bazaar.Payments.Sweeping;

internal static class SweeperModule
{
    public static WebApplicationBuilder AddPendingSweeper(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SweeperOptions>().BindConfiguration("Payments:Sweeper").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PendingSweeper>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PendingSweeper>());
        return builder;
    }
}
