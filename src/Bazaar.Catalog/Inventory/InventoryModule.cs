namespace Bazaar.Catalog.Inventory;

internal static class InventoryModule
{
    public static WebApplicationBuilder AddInventory(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StockReservations>();
        return builder;
    }
}
