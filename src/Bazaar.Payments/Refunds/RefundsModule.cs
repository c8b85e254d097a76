namespace Bazaar.Payments.Refunds;

internal static class RefundsModule
{
    public static WebApplicationBuilder AddRefunds(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RefundRepository>();
        builder.Services.AddSingleton<RefundService>();
        return builder;
    }
}
