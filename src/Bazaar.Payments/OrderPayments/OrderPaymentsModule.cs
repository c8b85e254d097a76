namespace Bazaar.Payments.OrderPayments;

internal static class OrderPaymentsModule
{
    public static WebApplicationBuilder AddOrderPayments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrderCancellation>();
        return builder;
    }
}
