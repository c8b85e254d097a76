using Bazaar.Platform.Discovery;
using System.Net;
using System.Net.Http.Json;

namespace Bazaar.Orders.Downstream;

internal sealed class InventoryClient(HttpClient http) : IInventory
{
    public async Task<ReservationOutcome> ReserveAsync(Guid reservationId, IReadOnlyList<ReservationLine> lines, TimeSpan holdFor, CancellationToken cancellationToken)
    {
        var request = new ReservationRequest(reservationId, lines, (int)Math.Ceiling(holdFor.TotalSeconds));
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/internal/inventory/reservations")
        {
            Content = JsonContent.Create(request, OrdersJson.Default.ReservationRequest),
        }, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Conflict => new ReservationOutcome(ReservationStatus.InsufficientStock, await DetailAsync(response, cancellationToken)),
            HttpStatusCode.NotFound => new ReservationOutcome(ReservationStatus.UnknownSku, await DetailAsync(response, cancellationToken)),
            _ => await ReservedAsync(response, cancellationToken),
        };
    }

    public Task<SettleStatus> CommitAsync(Guid reservationId, CancellationToken cancellationToken) =>
        SettleAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/internal/inventory/reservations/{reservationId}/commit"), cancellationToken);

    public Task<SettleStatus> ReleaseAsync(Guid reservationId, CancellationToken cancellationToken) =>
        SettleAsync(() => new HttpRequestMessage(HttpMethod.Post, $"/internal/inventory/reservations/{reservationId}/release"), cancellationToken);

    public Task<SettleStatus> ReturnAsync(Guid returnId, Guid reservationId, IReadOnlyList<ReservationLine> lines, CancellationToken cancellationToken) =>
        SettleAsync(() => new HttpRequestMessage(HttpMethod.Post, "/internal/inventory/returns")
        {
            Content = JsonContent.Create(new StockReturnRequest(returnId, reservationId, lines), OrdersJson.Default.StockReturnRequest),
        }, cancellationToken);

    private async Task<SettleStatus> SettleAsync(Func<HttpRequestMessage> newRequest, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(newRequest, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Conflict => SettleStatus.Refused,
            HttpStatusCode.NotFound => SettleStatus.NotFound,
            _ => response.IsSuccessStatusCode ? SettleStatus.Done : throw Unavailable(new HttpRequestException($"product-service answered {(int)response.StatusCode}.")),
        };
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> newRequest, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await RepeatableWrite.SendAsync(http, newRequest, cancellationToken);
        }
        catch (Exception exception) when (DownstreamFailure.IsUnavailable(exception, cancellationToken))
        {
            throw Unavailable(exception);
        }
        if ((int)response.StatusCode >= 500)
        {
            response.Dispose();
            throw Unavailable(new HttpRequestException("product-service answered with a server error."));
        }
        return response;
    }

    private static DownstreamUnavailableException Unavailable(Exception inner) => new(ProductCatalogClient.Service, inner);

    /// <summary>A 200 is a reservation that holds stock only while it is Reserved (or already
    /// Committed); one that was released meanwhile, by a cancel or by its expiry, holds nothing.</summary>
    private static async Task<ReservationOutcome> ReservedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode) throw Unavailable(new HttpRequestException($"product-service answered {(int)response.StatusCode}."));
        var reply = await response.Content.ReadFromJsonAsync(OrdersJson.Default.ReservationReply, cancellationToken);
        return reply?.Status is "Reserved" or "Committed"
            ? new ReservationOutcome(ReservationStatus.Reserved, null)
            : new ReservationOutcome(ReservationStatus.Released, "The stock held for this order was released (the reservation expired or was cancelled).");
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync(OrdersJson.Default.DownstreamProblem, cancellationToken))?.Detail;
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // the status said enough; a reply that is not a problem document only loses the wording
        }
    }
}
