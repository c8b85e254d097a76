using System.Net.Http.Headers;

namespace Bazaar.Orders.Downstream;

/// <summary>The caller's cart in the cart-service, read and cleared as the caller (their token).</summary>
internal interface ICartClient
{
    Task<IReadOnlyList<CartLineView>> GetLinesAsync(AuthenticationHeaderValue caller, CancellationToken cancellationToken);

    Task ClearAsync(AuthenticationHeaderValue caller, CancellationToken cancellationToken);
}
