using Bazaar.Orders.Domain;
using Bazaar.Orders.Tracking;

namespace Bazaar.Orders.Orders;

internal static class OrdersModule
{
    public static WebApplicationBuilder AddOrders(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrderRepository>();
        builder.Services.AddSingleton<ShipmentRepository>();
        builder.Services.AddSingleton<OrderViews>();
        builder.Services.AddSingleton<TrackingReader>();
        builder.Services.AddSingleton<TrackingSignals>();
        builder.Services.AddExceptionHandler<InvalidTransitionHandler>();
        return builder;
    }
}
