namespace Bazaar.Orders.Downstream;

internal static class Transient
{
    /// <summary>Failures that mean "the other service did not answer", as opposed to our caller
    /// cancelling: connection errors, the resilience pipeline's timeouts and open circuits.</summary>
    public static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException => true,
        Polly.ExecutionRejectedException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
