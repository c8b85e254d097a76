using Bazaar.Platform.Discovery;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Bazaar.Orders.Downstream;

internal sealed class CartClient(HttpClient http) : ICartClient
{
    public const string Service = "cart-service";

    public async Task<IReadOnlyList<CartLineView>> GetLinesAsync(AuthenticationHeaderValue caller, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cart/lines") { Headers = { Authorization = caller } };
            using var response = await http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            var cart = await response.Content.ReadFromJsonAsync(OrdersJson.Default.CartView, cancellationToken);
            return cart?.Lines ?? [];
        }
        catch (Exception exception) when (DownstreamFailure.IsUnavailable(exception, cancellationToken))
        {
            throw new DownstreamUnavailableException(Service, exception);
        }
    }
}
