using Bazaar.Platform.Auth;

namespace Bazaar.Carts.Cart;

/// <summary>Whose cart a request means: the signed-in user's (from the token, never from the
/// request), or an anonymous cart the server issued and the client names in <see cref="Header"/>.</summary>
internal readonly record struct CartOwner(Guid Id, bool IsUser)
{
    public const string Header = "X-Cart-Id";

    /// <summary>Lets a request in with a valid token, or without any token but with <see cref="Header"/>.
    /// A token that fails validation is a 401, never a quiet fall back to an anonymous cart.</summary>
    public const string Policy = "cart-owner";

    public static CartOwner User(Guid userId) => new(userId, IsUser: true);

    public static CartOwner Anonymous(Guid cartId) => new(cartId, IsUser: false);

    /// <summary>The owner the request names; null when its cart id cannot be one the server issued.</summary>
    public static CartOwner? Of(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            return User(http.User.UserId());
        }
        return Guid.TryParse(http.Request.Headers[Header].ToString(), out var cartId) ? Anonymous(cartId) : null;
    }

    public static bool MayUseCart(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
        || (!http.Request.Headers.ContainsKey("Authorization") && http.Request.Headers.ContainsKey(Header));
}
