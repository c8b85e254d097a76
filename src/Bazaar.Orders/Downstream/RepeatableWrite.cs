using Bazaar.Platform.Governance.Calls;

namespace Bazaar.Orders.Downstream;

/// <summary>The writes sent through here are deduplicated by the callee (reservation id, order id,
/// Idempotency-Key): marked repeatable, the traffic policy retries them on another replica like a
/// GET, within its retry budget. The saga retries a step that still fails.</summary>
internal static class RepeatableWrite
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, Func<HttpRequestMessage> newRequest, CancellationToken cancellationToken)
    {
        using var request = newRequest().MarkRepeatable();
        return await http.SendAsync(request, cancellationToken);
    }
}
