using System.ComponentModel.DataAnnotations;
using Bazaar.Catalog.Admin;
using Bazaar.Catalog.Caching;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Catalog.Categories;

public sealed record CreateCategoryRequest([Required, StringLength(200, MinimumLength = 1)] string Name, Guid? ParentId);

internal static class CategoriesModule
{
    public static WebApplicationBuilder AddCategories(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CategoryRepository>();
        return builder;
    }

    public static void MapCategories(this WebApplication app)
    {
        app.MapGet("/api/categories", List).WithTags("categories").AllowAnonymous();
        app.MapCatalogAdmin().MapPost("/categories", Create);
    }

    /// <summary>Every category; not cached, so a 503 while the database cannot be read.</summary>
    private static async Task<Results<Ok<IReadOnlyList<Category>>, ProblemHttpResult>> List(
        HttpContext http, CategoryRepository categories, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await categories.ListAsync(cancellationToken));
        }
        catch (Exception exception) when (CatalogUnavailable.IsReadFailure(exception))
        {
            return CatalogUnavailable.Answer(http);
        }
    }

    /// <summary>A new category, at the top or under <see cref="CreateCategoryRequest.ParentId"/>; its slug comes from its name.</summary>
    private static async Task<Results<Created<Category>, ValidationProblem, ProblemHttpResult>> Create(
        CreateCategoryRequest request, CategoryRepository categories, CancellationToken cancellationToken)
    {
        var name = request.Name.Trim();
        var slug = Category.Slugify(name);
        if (slug.Length == 0) return Problem.Invalid("name", "The name needs at least one letter or digit.");
        if (request.ParentId is { } parent && !await categories.ExistsAsync(parent, cancellationToken))
        {
            return Problem.Invalid("parentId", $"There is no category {parent}.");
        }
        var category = new Category(Guid.CreateVersion7(), name, slug, request.ParentId);
        return await categories.TryAddAsync(category, cancellationToken)
            ? TypedResults.Created($"/api/categories#{category.Id}", category)
            : Problem.Conflict("category-exists", "Category exists", $"A category with the slug '{slug}' exists already.");
    }
}
