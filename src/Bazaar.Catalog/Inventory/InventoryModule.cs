namespace Bazaar.Catalog.Inventory;

internal static class InventoryModule
{
    public static WebApplicationBuilder AddInventory(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReservationOptions>().BindConfiguration("Catalog:Reservations").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<StockReservations>();
        builder.Services.AddHostedService<ReservationSweeper>();
        builder.Services.AddSingleton<StockAdjustments>();
        builder.Services.AddSingleton<StockReturns>();
        return builder;
    }
}
