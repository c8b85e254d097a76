namespace Bazaar.Orders.Returns;

internal static class ReturnsModule
{
    public static WebApplicationBuilder AddReturns(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReturnRepository>();
        builder.Services.AddSingleton<ReturnService>();
        return builder;
    }
}
