using Bazaar.Platform.Discovery;
namespace Bazaar.Orders.Downstream;

/// <summary>The standard resilience handler never repeats a POST. The writes sent through here are
/// deduplicated by the callee (reservation id, Idempotency-Key), so one more attempt after a
/// transport failure or a 5xx is safe, and rides over a replica that is restarting.</summary>
internal static class RetryOnce
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, Func<HttpRequestMessage> newRequest, CancellationToken cancellationToken)
    {
        try
        {
            using var first = newRequest();
            var response = await http.SendAsync(first, cancellationToken);
            if ((int)response.StatusCode < 500) return response;
            response.Dispose();
        }
        catch (Exception exception) when (DownstreamFailure.IsUnavailable(exception, cancellationToken))
        {
            // fall through to the second attempt; if it fails too, that failure is the answer
        }
        using var second = newRequest();
        return await http.SendAsync(second, cancellationToken);
    }
}
