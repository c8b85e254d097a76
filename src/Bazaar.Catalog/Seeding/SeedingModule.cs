namespace Bazaar.Catalog.Seeding;

internal static class SeedingModule
{
    public static WebApplicationBuilder AddSeeding(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogOptions>().BindConfiguration("Catalog").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SeedOptions>().BindConfiguration("Catalog:Seed").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CatalogWriter>();
        builder.Services.AddHostedService<CatalogSeeder>();
        return builder;
    }
}
