namespace Bazaar.Payments.Charges;

internal static class ChargesModule
{
    public static WebApplicationBuilder AddCharges(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PaymentRepository>();
        builder.Services.AddSingleton<PaymentCompletion>();
        builder.Services.AddSingleton<PaymentRecorder>();
        builder.Services.AddSingleton<ChargeService>();
        builder.Services.AddSingleton<PendingPaymentResolver>();
        return builder;
    }
}
