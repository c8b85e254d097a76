namespace Bazaar.Orders.Fulfilment;

internal static class FulfilmentModule
{
    public static WebApplicationBuilder AddFulfilment(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FulfilmentService>();
        builder.Services.AddOptions<SimulatedCarrierOptions>().BindConfiguration("Orders:SimulatedCarrier").ValidateDataAnnotations().ValidateOnStart();
        // Registered once and resolvable by tests; it does nothing unless enabled.
        builder.Services.AddSingleton<SimulatedCarrier>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SimulatedCarrier>());
        return builder;
    }
}
