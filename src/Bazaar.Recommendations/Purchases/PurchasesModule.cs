namespace Bazaar.Recommendations.Purchases;

internal static class PurchasesModule
{
    public static WebApplicationBuilder AddPurchases(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PurchaseRecorder>();
        return builder;
    }
}
