using Bazaar.Orders.Orders;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Idempotency;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Orders.Returns;

internal static class ReturnEndpoints
{
    /// <summary>An admin records goods received back from a customer; the refund and the restock
    /// follow within seconds (202), and the order shows the return.</summary>
    public static void MapReturns(this WebApplication app) =>
        app.MapPost("/api/admin/orders/{id:guid}/returns", RequestAsync).WithTags("admin").RequireAuthorization(AuthExtensions.AdminPolicy);

    private static async Task<Results<Accepted<ReturnResponse>, ValidationProblem, ProblemHttpResult>> RequestAsync(
        Guid id, ReturnRequest request, HttpRequest http, ReturnService returns, CancellationToken cancellationToken)
    {
        if (!IdempotencyKey.TryRead(http, out var key, out var missingKey)) return missingKey!;
        var lines = request.Lines!.Select(line => new ReturnLine(line.Sku.Trim(), line.Quantity)).ToList();
        if (lines.GroupBy(line => line.Sku, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } twice)
        {
            return Problem.Invalid("lines", $"Each SKU is listed once; {twice.Key} is listed {twice.Count()} times.");
        }

        var result = await returns.RequestAsync(id, key, lines, cancellationToken);
        return result.Failure switch
        {
            null => TypedResults.Accepted($"/api/admin/orders/{id}", result.Return!.ToResponse()),
            ReturnFailure.NotFound => Problem.NotFound(result.Detail!),
            ReturnFailure.NotReturnable => Problem.Conflict("order-not-returnable", "Order not returnable", result.Detail!),
            ReturnFailure.InProgress => Problem.Conflict("return-in-progress", "Return in progress", result.Detail!),
            ReturnFailure.ExceedsOrder => TypedResults.Problem(result.Detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Return exceeds order",
                type: Problem.Type("return-exceeds-order"), extensions: new Dictionary<string, object?> { ["skus"] = result.Skus!.ToArray() }),
            _ => IdempotencyKey.ReusedWithAnotherBody(),
        };
    }

    private static ReturnResponse ToResponse(this OrderReturn orderReturn) => new(
        orderReturn.Id, orderReturn.OrderId, orderReturn.Lines.Select(line => new ReturnLineResponse(line.Sku, line.Quantity)).ToList(),
        orderReturn.Amount, orderReturn.Status);
}
