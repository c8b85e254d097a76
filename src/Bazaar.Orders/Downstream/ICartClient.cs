using System.Net.Http.Headers;

namespace Bazaar.Orders.Downstream;

/// <summary>The caller's cart in the cart-service, read as the caller (their token). The cart-service empties it
/// by itself when it hears that the order was paid.</summary>
internal interface ICartClient
{
    Task<IReadOnlyList<CartLineView>> GetLinesAsync(AuthenticationHeaderValue caller, CancellationToken cancellationToken);
}
