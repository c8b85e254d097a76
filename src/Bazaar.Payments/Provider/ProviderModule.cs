namespace Bazaar.Payments.Provider;

internal static class ProviderModule
{
    public static WebApplicationBuilder AddSimulatedPaymentProvider(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatedProviderOptions>().BindConfiguration("Payments").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ProviderCallOptions>().BindConfiguration("Payments:Provider").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IPaymentProvider, SimulatedPaymentProvider>();
        return builder;
    }
}
