namespace Bazaar.Orders.Cancellation;

internal static class CancellationModule
{
    public static WebApplicationBuilder AddCancellation(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CancellationService>();
        return builder;
    }
}
