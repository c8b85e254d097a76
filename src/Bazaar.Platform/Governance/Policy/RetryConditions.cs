namespace Bazaar.Platform.Governance.Policy;

/// <summary>Istio's <c>retryOn</c> conditions that Bazaar understands.</summary>
public static class RetryConditions
{
    /// <summary>The connection could not be made: the request never reached the replica.</summary>
    public const string ConnectFailure = "connect-failure";

    /// <summary>The connection broke before a response arrived.</summary>
    public const string Reset = "reset";

    /// <summary>503: the replica is overloaded, draining or has no capacity.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>502, 503 or 504.</summary>
    public const string GatewayError = "gateway-error";

    public static readonly IReadOnlyList<string> Known = [ConnectFailure, Reset, Unavailable, GatewayError];
}
