namespace Bazaar.Catalog.Categories;

internal static class CategoriesModule
{
    public static WebApplicationBuilder AddCategories(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CategoryRepository>();
        return builder;
    }

    public static void MapCategories(this WebApplication app)
    {
        app.MapGet("/api/categories", async (CategoryRepository categories, CancellationToken cancellationToken) =>
            TypedResults.Ok(await categories.ListAsync(cancellationToken)))
            .WithTags("categories").AllowAnonymous();
    }
}
