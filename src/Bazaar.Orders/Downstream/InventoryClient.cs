using Bazaar.Platform.Discovery;
using System.Net;
using System.Net.Http.Json;

namespace Bazaar.Orders.Downstream;

internal sealed class InventoryClient(HttpClient http) : IInventory
{
    public async Task<ReservationOutcome> ReserveAsync(Guid reservationId, IReadOnlyList<ReservationLine> lines, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await RetryOnce.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "/internal/inventory/reservations")
            {
                Content = JsonContent.Create(new ReservationRequest(reservationId, lines), OrdersJson.Default.ReservationRequest),
            }, cancellationToken);
            return response.StatusCode switch
            {
                HttpStatusCode.Conflict => new ReservationOutcome(ReservationStatus.InsufficientStock, await DetailAsync(response, cancellationToken)),
                HttpStatusCode.NotFound => new ReservationOutcome(ReservationStatus.UnknownSku, await DetailAsync(response, cancellationToken)),
                _ => await ReservedAsync(response, cancellationToken),
            };
        }
        catch (Exception exception) when (DownstreamFailure.IsUnavailable(exception, cancellationToken))
        {
            throw new DownstreamUnavailableException(ProductCatalogClient.Service, exception);
        }
    }

    public Task CommitAsync(Guid reservationId, CancellationToken cancellationToken) => SettleAsync(reservationId, "commit", cancellationToken);

    public Task ReleaseAsync(Guid reservationId, CancellationToken cancellationToken) => SettleAsync(reservationId, "release", cancellationToken);

    private async Task SettleAsync(Guid reservationId, string action, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await RetryOnce.SendAsync(http,
                () => new HttpRequestMessage(HttpMethod.Post, $"/internal/inventory/reservations/{reservationId}/{action}"), cancellationToken);
            // Releasing a reservation that never got made (404) leaves nothing to undo.
            if (action == "release" && response.StatusCode == HttpStatusCode.NotFound) return;
            response.EnsureSuccessStatusCode();
        }
        catch (Exception exception) when (DownstreamFailure.IsUnavailable(exception, cancellationToken))
        {
            throw new DownstreamUnavailableException(ProductCatalogClient.Service, exception);
        }
    }

    /// <summary>A 200 is a reservation that holds stock only while it is Reserved (or already
    /// Committed); one that was released meanwhile, by a cancel or by its expiry, holds nothing.</summary>
    private static async Task<ReservationOutcome> ReservedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        response.EnsureSuccessStatusCode();
        var reply = await response.Content.ReadFromJsonAsync(OrdersJson.Default.ReservationReply, cancellationToken);
        return reply?.Status is "Reserved" or "Committed"
            ? new ReservationOutcome(ReservationStatus.Reserved, null)
            : new ReservationOutcome(ReservationStatus.Released, "The stock held for this order was released (the reservation expired or was cancelled).");
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        (await response.Content.ReadFromJsonAsync(OrdersJson.Default.DownstreamProblem, cancellationToken))?.Detail;
}
