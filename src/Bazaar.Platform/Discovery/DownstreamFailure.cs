namespace Bazaar.Platform.Discovery;

public static class DownstreamFailure
{
    /// <summary>Failures that mean "the other service did not answer", as opposed to our caller
    /// cancelling: connection errors and no ready replica (HttpRequestException), and the traffic
    /// policy's timeouts.</summary>
    public static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
