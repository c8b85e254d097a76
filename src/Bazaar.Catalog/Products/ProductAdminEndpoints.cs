using System.Security.Claims;
using Bazaar.Catalog.Admin;
using Bazaar.Catalog.Categories;
using Bazaar.Catalog.Pricing;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Bazaar.Catalog.Products;

internal static class ProductAdminEndpoints
{
    public static void MapProductAdmin(this WebApplication app)
    {
        var admin = app.MapCatalogAdmin();
        admin.MapPost("/products", Create);
        admin.MapPut("/products/{id:guid}", Update);
    }

    private static async Task<Results<Created<ProductDetail>, ValidationProblem, ProblemHttpResult>> Create(
        CreateProductRequest request, ClaimsPrincipal user, ProductAdmin admin, ProductRepository products, CategoryRepository categories,
        IOptions<CatalogOptions> catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var edit = ProductEdit.From(request);
        if ((edit.Check() ?? PriceRules.Check(request.ListPrice, request.SalePrice, clock.GetUtcNow(), null)) is { } error)
        {
            return Problem.Invalid(error.Field, error.Message);
        }
        if (!await categories.ExistsAsync(edit.CategoryId, cancellationToken)) return Problem.Invalid("categoryId", $"There is no category {edit.CategoryId}.");

        var id = Guid.CreateVersion7();
        if (!await admin.TryCreateAsync(id, request.Sku, edit, request.ListPrice, request.SalePrice, user.UserId(), cancellationToken))
        {
            return Problem.Conflict("sku-taken", "SKU taken", $"Another product has the SKU {request.Sku}.");
        }
        var created = await products.FindAsync(id, cancellationToken);
        return TypedResults.Created($"/api/products/{id}", created!.ToDetail(catalog.Value.Currency));
    }

    private static async Task<Results<Ok<ProductDetail>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, UpdateProductRequest request, ProductAdmin admin, ProductRepository products, CategoryRepository categories,
        IOptions<CatalogOptions> catalog, CancellationToken cancellationToken)
    {
        var edit = ProductEdit.From(request);
        if (edit.Check() is { } error) return Problem.Invalid(error.Field, error.Message);
        if (!await categories.ExistsAsync(edit.CategoryId, cancellationToken)) return Problem.Invalid("categoryId", $"There is no category {edit.CategoryId}.");
        if (!await admin.UpdateAsync(id, edit, cancellationToken)) return Problem.NotFound($"There is no product {id}.");
        var updated = await products.FindAsync(id, cancellationToken);
        return TypedResults.Ok(updated!.ToDetail(catalog.Value.Currency));
    }
}
