using System.ComponentModel.DataAnnotations;
using Bazaar.Orders.Orders;
using Bazaar.Platform.Idempotency;
using Bazaar.Platform.Money;

namespace Bazaar.Orders.Returns;

/// <summary>Goods an admin received back from the customer. A List, not an array: the validation
/// generator validates the items of a List only.</summary>
public sealed record ReturnRequest([Required, MinLength(1), MaxLength(100)] List<ReturnLineInput>? Lines);

public sealed record ReturnLineInput([Required, MaxLength(64)] string Sku, [Range(1, 999)] int Quantity);

/// <param name="Amount">What is refunded for it: the returned units at the prices the order was paid at.</param>
/// <param name="Status"><c>Requested</c> until the refund and the restock are done, then <c>Completed</c>.</param>
public sealed record ReturnResponse(Guid Id, Guid OrderId, IReadOnlyList<ReturnLineResponse> Lines, Money Amount, string Status);

/// <summary>What tells a retried return from a reused Idempotency-Key: the lines, in SKU order.</summary>
internal sealed record ReturnFingerprint(IReadOnlyList<ReturnLineResponse> Lines)
{
    public static string Of(IReadOnlyList<ReturnLine> lines) => IdempotencyKey.Fingerprint(
        new ReturnFingerprint(lines.OrderBy(line => line.Sku, StringComparer.Ordinal).Select(line => new ReturnLineResponse(line.Sku, line.Quantity)).ToList()),
        OrdersJson.Default.ReturnFingerprint);
}
