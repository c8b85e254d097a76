using Bazaar.Platform;

namespace Bazaar.Payments.Provider;

internal static class ProviderModule
{
    public static WebApplicationBuilder AddSimulatedPaymentProvider(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatedProviderOptions>().BindConfiguration("Payments").ValidateOnStartWith<SimulatedProviderOptions, SimulatedProviderOptionsValidator>();
        builder.Services.AddOptions<ProviderCallOptions>().BindConfiguration("Payments:Provider").ValidateOnStartWith<ProviderCallOptions, ProviderCallOptionsValidator>();
        builder.Services.AddSingleton<IPaymentProvider, SimulatedPaymentProvider>();
        return builder;
    }
}
