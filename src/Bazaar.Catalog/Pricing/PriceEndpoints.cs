using System.Security.Claims;
using Bazaar.Catalog.Admin;
using Bazaar.Catalog.Products;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Bazaar.Catalog.Pricing;

internal static class PriceEndpoints
{
    public static WebApplicationBuilder AddPricing(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PriceOptions>().BindConfiguration("Catalog:Prices").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PriceBook>();
        builder.Services.AddSingleton<PriceIndex>();
        builder.Services.AddHostedService<PriceIndexRefresher>();
        return builder;
    }

    public static void MapPricing(this WebApplication app)
    {
        var admin = app.MapCatalogAdmin();
        admin.MapPut("/products/{id:guid}/price", SetPrice);
        admin.MapGet("/products/{id:guid}/prices", History);
    }

    /// <summary>Adds a price row; earlier rows stay as they were, so the history is never rewritten.</summary>
    private static async Task<Results<Ok<PriceHistory>, ValidationProblem, ProblemHttpResult>> SetPrice(
        Guid id, SetPriceRequest request, ClaimsPrincipal user, ProductRepository products, PriceBook prices,
        IOptions<CatalogOptions> catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var validFrom = request.ValidFrom ?? now;
        if (PriceRules.Check(request.ListPrice, request.SalePrice, validFrom, request.ValidTo) is { } error)
        {
            return Problem.Invalid(error.Field, error.Message);
        }
        if (await products.FindAsync(id, cancellationToken) is not { } product) return Problem.NotFound($"There is no product {id}.");

        await prices.AddAsync(new PriceRow
        {
            Sku = product.Sku, ListPrice = request.ListPrice, SalePrice = request.SalePrice, ValidFrom = validFrom.ToUniversalTime(),
            ValidTo = request.ValidTo?.ToUniversalTime(), CreatedAt = now, CreatedBy = user.UserId().ToString(),
        }, cancellationToken);
        return TypedResults.Ok(await HistoryOfAsync(product.Sku, products, prices, catalog.Value.Currency, id, cancellationToken));
    }

    private static async Task<Results<Ok<PriceHistory>, ProblemHttpResult>> History(
        Guid id, ProductRepository products, PriceBook prices, IOptions<CatalogOptions> catalog, CancellationToken cancellationToken)
    {
        if (await products.FindAsync(id, cancellationToken) is not { } product) return Problem.NotFound($"There is no product {id}.");
        return TypedResults.Ok(await HistoryOfAsync(product.Sku, products, prices, catalog.Value.Currency, id, cancellationToken));
    }

    private static async Task<PriceHistory> HistoryOfAsync(
        string sku, ProductRepository products, PriceBook prices, string currency, Guid id, CancellationToken cancellationToken)
    {
        var current = await products.FindAsync(id, cancellationToken);
        var rows = await prices.HistoryAsync(sku, cancellationToken);
        return new PriceHistory(sku, new(current?.PriceAmount ?? 0m, currency), [.. rows.Select(row => row.ToEntry(currency))]);
    }
}
