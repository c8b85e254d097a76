using System.Net;
using System.Net.Sockets;

namespace Bazaar.Platform.Governance.Calls;

/// <summary>How one attempt ended, in the terms of Istio's <c>retryOn</c> and outlier detection.</summary>
internal enum CallOutcome
{
    Success,
    /// <summary>A deliberate "try later" (503 with Retry-After): the replica is fine, and so is the answer.</summary>
    Answer,
    /// <summary>The replica shed the request (<see cref="OverloadedHeader"/>): try another, but it is not broken.</summary>
    Overloaded,
    ServerError,
    GatewayError,
    ConnectFailure,
    Reset,
    /// <summary>The replica took longer than its own per-try timeout.</summary>
    Timeout,
    /// <summary>The whole call's or the caller's deadline passed first: not the replica's fault.</summary>
    DeadlinePassed,
}

internal static class CallOutcomes
{
    /// <summary>Set on a 503 a replica sends because it is full (Envoy's <c>x-envoy-overloaded</c>).</summary>
    public const string OverloadedHeader = "x-bazaar-overloaded";

    public static CallOutcome Of(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status < 500)
        {
            return CallOutcome.Success;
        }
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            if (response.Headers.Contains(OverloadedHeader))
            {
                return CallOutcome.Overloaded;
            }
            if (response.Headers.RetryAfter is not null)
            {
                return CallOutcome.Answer;
            }
        }
        return status is 502 or 503 or 504 ? CallOutcome.GatewayError : CallOutcome.ServerError;
    }

    public static CallOutcome Of(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            || exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
            ? CallOutcome.ConnectFailure
            : CallOutcome.Reset;

    /// <summary>Counts toward ejecting the replica (Istio's consecutive 5xx, which includes local
    /// connection failures and timeouts).</summary>
    public static bool IsReplicaError(this CallOutcome outcome) =>
        outcome is CallOutcome.ServerError or CallOutcome.GatewayError or CallOutcome.ConnectFailure or CallOutcome.Reset or CallOutcome.Timeout;

    public static bool Matches(this CallOutcome outcome, IReadOnlyList<string> retryOn, HttpResponseMessage? response)
    {
        foreach (var condition in retryOn)
        {
            var matches = condition switch
            {
                Policy.RetryConditions.ConnectFailure => outcome == CallOutcome.ConnectFailure,
                Policy.RetryConditions.Reset => outcome == CallOutcome.Reset,
                Policy.RetryConditions.Unavailable => outcome == CallOutcome.Overloaded
                    || (outcome == CallOutcome.GatewayError && response?.StatusCode == HttpStatusCode.ServiceUnavailable),
                Policy.RetryConditions.GatewayError => outcome is CallOutcome.Overloaded or CallOutcome.GatewayError or CallOutcome.Timeout,
                _ => false,
            };
            if (matches)
            {
                return true;
            }
        }
        return false;
    }
}
