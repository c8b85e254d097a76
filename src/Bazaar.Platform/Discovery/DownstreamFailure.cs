using Polly;

namespace Bazaar.Platform.Discovery;

public static class DownstreamFailure
{
    /// <summary>Failures that mean "the other service did not answer", as opposed to our caller
    /// cancelling: connection errors, and the resilience pipeline's timeouts and open circuits.</summary>
    public static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException => true,
        ExecutionRejectedException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
