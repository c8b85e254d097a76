namespace Bazaar.Recommendations.ForYou;

internal static class ForYouModule
{
    public static WebApplicationBuilder AddForYou(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IUserHistory, UserHistory>();
        builder.Services.AddScoped<ForYouService>(); // scoped, as the SellableCheck it uses
        return builder;
    }
}
