using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Bazaar.Platform.Money;

namespace Bazaar.Carts.Cart;

public sealed record SetQuantityRequest([Range(1, 99)] int Quantity);

/// <summary>A new anonymous cart: the client sends <see cref="CartId"/> as <c>X-Cart-Id</c>.</summary>
public sealed record CreateCartResponse(Guid CartId);

/// <summary>The anonymous cart to move into the caller's own cart.</summary>
public sealed record MergeRequest([Required] Guid? CartId);

/// <summary>The cart as the shopper sees it now. <see cref="Degraded"/> means product-service could
/// not be asked: the lines are as stored, without names, prices or stock.</summary>
public sealed record CartResponse(IReadOnlyList<CartLineResponse> Lines, Money Total, int ItemCount, bool Degraded);

/// <summary>The user's cart after a merge, shaped like <see cref="CartResponse"/>; <see cref="NotMerged"/>
/// names the SKUs that found no room (absent when everything fitted).</summary>
public sealed record MergeResponse(
    IReadOnlyList<CartLineResponse> Lines, Money Total, int ItemCount, bool Degraded,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? NotMerged);

/// <summary>The cart's lines as stored, without asking the catalog: for a caller that prices them
/// itself (order-service at checkout), so a checkout costs one quote, not two.</summary>
public sealed record CartLinesResponse(IReadOnlyList<StoredLineResponse> Lines);

public sealed record StoredLineResponse(string Sku, int Quantity);

public sealed record CartLineResponse(
    string Sku, int Quantity, string? Name, Money? UnitPrice, Money? LineTotal, int? Available, string Status);

/// <summary>The values of <see cref="CartLineResponse.Status"/>.</summary>
public static class CartLineStatus
{
    /// <summary>For sale, with enough stock for the quantity.</summary>
    public const string Ok = "ok";
    /// <summary>For sale, but fewer in stock than the quantity.</summary>
    public const string Short = "short";
    /// <summary>Not for sale: unknown, discontinued, or out of stock.</summary>
    public const string Unavailable = "unavailable";
    /// <summary>The catalog could not be asked (the cart is degraded).</summary>
    public const string Unknown = "unknown";
}
