using Bazaar.Orders.Events;

namespace Bazaar.Orders.Saga;

internal static class SagaModule
{
    public static WebApplicationBuilder AddCheckoutSaga(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SagaOptions>().BindConfiguration("Orders:Saga").ValidateDataAnnotations()
            // product-service holds stock for at most a day.
            .Validate(options => options.PaymentDeadline + options.StockHoldGrace <= TimeSpan.FromDays(1),
                "Orders:Saga:PaymentDeadline plus Orders:Saga:StockHoldGrace must not exceed one day, the longest product-service holds stock.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SagaRepository>();
        builder.Services.AddSingleton<SagaMetrics>();
        builder.Services.AddSingleton<OrderEvents>();
        // Scoped: they hold typed HttpClients, which must not outlive their handler rotation.
        builder.Services.AddScoped<ReturnSteps>();
        builder.Services.AddScoped<SagaSteps>();
        builder.Services.AddScoped<CheckoutOrchestrator>();
        builder.Services.AddSingleton<SagaRunner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SagaRunner>());
        return builder;
    }
}
