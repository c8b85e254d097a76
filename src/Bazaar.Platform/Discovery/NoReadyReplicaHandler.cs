namespace Bazaar.Platform.Discovery;

/// <summary>Service discovery throws InvalidOperationException ("The endpoint collection contains
/// no endpoints") while a service has no ready replica, e.g. for the seconds its only replica is
/// being restarted. That is the other service not answering, not a bug of ours: it becomes a
/// connection error, which the resilience pipeline retries and callers treat as unavailable.</summary>
internal sealed class NoReadyReplicaHandler : DelegatingHandler
{
    private const string DiscoveryAssembly = "Microsoft.Extensions.ServiceDiscovery";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (InvalidOperationException exception) when (exception.Source == DiscoveryAssembly)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"No ready replica of {request.RequestUri?.Host} is available.", exception);
        }
    }
}
