using System.Net;
using System.Net.Http.Json;
using Bazaar.Platform.Governance.Policy;
using Microsoft.Extensions.ServiceDiscovery;

namespace Bazaar.Platform.Governance.Calls;

/// <summary>Every call to another Bazaar service goes through here (HttpClients and the gateway's
/// proxy alike): it picks the version subset and a replica, bounds the call by the policy's timeout
/// and the caller's deadline, records the outcome for outlier ejection, and retries on another
/// replica when that is safe and the budget allows. A URL whose host is not a service name (an
/// address, or a dotted domain outside the shop) passes through untouched. In the gateway (<paramref name="routeDeadlineIsBudget"/>), a route's own
/// timeout replaces the service's; elsewhere the caller's deadline can only shorten it.</summary>
internal sealed class GovernedHandler(
    TrafficPolicyStore policies,
    Upstreams upstreams,
    ServiceEndpointResolver resolver,
    IHttpContextAccessor contexts,
    GovernanceMetrics metrics,
    TimeProvider time,
    ILogger<GovernedHandler> logger,
    bool routeDeadlineIsBudget) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.RequestUri!;
        var service = target.Host;
        if (!IsServiceName(target))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var policy = policies.Current.For(service);
        var upstream = upstreams.For(service);
        var context = contexts.HttpContext;
        var subset = SubsetSelector.Choose(policy.Routes, request, StickyKey(policy, context));
        var replicas = await ResolveAsync(upstream, subset, target, cancellationToken);

        var budget = policy.Timeout;
        if (RequestDeadline.Of(context)?.Remaining(time) is { } callerLeft && (routeDeadlineIsBudget || callerLeft < budget))
        {
            budget = callerLeft;
        }
        var deadline = RequestDeadline.After(budget, time);
        upstream.RetryBudget.Deposit(policy.RetryBudget.BudgetPercent, policy.RetryBudget.MinRetriesPerSecond);
        var repeatable = IsRepeatable(request);
        List<Replica>? tried = null;

        var replica = upstream.Pick(replicas, policy.LoadBalancer, tried) ?? throw NoReplica(service, subset);
        for (var attempt = 0; ; attempt++)
        {
            var left = deadline.Remaining(time);
            if (left <= TimeSpan.Zero)
            {
                throw TimedOut(service, budget);
            }
            var tryTimeout = policy.Retries.PerTryTimeout is { } perTry && perTry < left ? perTry : left;

            request.RequestUri = new Uri(replica.Address, target.PathAndQuery);
            request.Headers.Remove(RequestDeadline.Header);
            request.Headers.TryAddWithoutValidation(RequestDeadline.Header, ((long)Math.Ceiling(tryTimeout.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));

            // A try cut short by the whole call's (or the caller's) deadline says nothing about the replica.
            var (response, outcome, failure) = await AttemptAsync(request, replica, tryTimeout, blameTimeout: tryTimeout < left, cancellationToken);
            metrics.Attempt(service, outcome, retry: attempt > 0);
            Observe(upstream, replica, replicas, outcome, policy.OutlierDetection);

            var wanted = attempt < policy.Retries.Attempts
                && outcome.Matches(policy.Retries.RetryOn, response)
                && (repeatable || outcome == CallOutcome.ConnectFailure)
                && deadline.Remaining(time) > TimeSpan.Zero;
            Replica? next = null;
            if (wanted)
            {
                (tried ??= []).Add(replica);
                next = upstream.Pick(replicas, policy.LoadBalancer, tried);
                wanted = next is not null;
            }
            if (wanted && !upstream.RetryBudget.TryWithdraw(policy.RetryBudget.MinRetriesPerSecond))
            {
                metrics.RetryDenied(service);
                wanted = false;
            }
            if (!wanted)
            {
                return response ?? throw (outcome is CallOutcome.Timeout or CallOutcome.DeadlinePassed ? TimedOut(service, tryTimeout) : failure!);
            }

            response?.Dispose();
            replica = next!;
            await Task.Delay(Backoff(policy.Retries.BaseInterval, attempt, deadline.Remaining(time)), time, cancellationToken);
        }
    }

    private async Task<(HttpResponseMessage? Response, CallOutcome Outcome, Exception? Failure)> AttemptAsync(
        HttpRequestMessage request, Replica replica, TimeSpan timeout, bool blameTimeout, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        replica.Start();
        try
        {
            var response = await base.SendAsync(request, attempt.Token);
            return (response, CallOutcomes.Of(response), null);
        }
        catch (HttpRequestException exception)
        {
            return (null, CallOutcomes.Of(exception), exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested && !timer.IsCancellationRequested && exception.InnerException is TimeoutException)
        {
            // SocketsHttpHandler's ConnectTimeout: the request never reached the replica.
            return (null, CallOutcome.ConnectFailure, exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, blameTimeout ? CallOutcome.Timeout : CallOutcome.DeadlinePassed, exception);
        }
        finally
        {
            replica.Finish();
        }
    }

    private void Observe(ServiceUpstream upstream, Replica replica, Replica[] replicas, CallOutcome outcome, OutlierDetectionPolicy policy)
    {
        if (outcome is CallOutcome.Success or CallOutcome.Answer)
        {
            replica.RecordSuccess();
        }
        else if (outcome.IsReplicaError() && replica.RecordError(policy, time) && upstream.TryEject(replica, replicas, policy))
        {
            metrics.Ejected(upstream.Service);
            logger.LogWarning("Ejected {Service} replica {Address} after {Outcome}; back in {Seconds} s",
                upstream.Service, replica.Address, outcome, (policy.BaseEjectionTime * replica.Ejections).TotalSeconds);
        }
    }

    private async ValueTask<Replica[]> ResolveAsync(ServiceUpstream upstream, string? subset, Uri target, CancellationToken cancellationToken)
    {
        ServiceEndpointSource source;
        try
        {
            source = await resolver.GetEndpointsAsync(upstream.DiscoveryName(target.Scheme, subset), cancellationToken);
        }
        catch (InvalidOperationException exception) when (Discovery.NoReadyReplica.Is(exception))
        {
            throw NoReplica(upstream.Service, subset, exception);
        }
        return upstream.Replicas(subset, source.Endpoints, target);
    }

    /// <summary>A logical service name is one DNS label (<c>product-service</c>), as discovery and
    /// Kubernetes Services name them.</summary>
    private static bool IsServiceName(Uri target) =>
        target.HostNameType == UriHostNameType.Dns && !target.Host.Contains('.', StringComparison.Ordinal) && !target.IsLoopback;

    /// <summary>A signed-in user keeps one version. Anonymous callers are spread by the weights per
    /// request: locally every client shares one address, which would put them all on one version.</summary>
    private static string? StickyKey(ResolvedServicePolicy policy, HttpContext? context) =>
        policy.StickyBy == StickyBy.User ? context?.User.FindFirst("sub")?.Value : null;

    /// <summary>Safe to send twice: an idempotent method, a write carrying an Idempotency-Key or
    /// marked repeatable (<see cref="RepeatableRequests.MarkRepeatable"/>);
    /// and a body that can be sent again (a proxied stream cannot).</summary>
    private static bool IsRepeatable(HttpRequestMessage request)
    {
        var idempotent = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options
            || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete
            || request.Headers.Contains(Idempotency.IdempotencyKey.Header);
        return (idempotent || request.IsMarkedRepeatable()) && request.Content is null or ByteArrayContent or JsonContent;
    }

    /// <summary>Full jitter: a random wait up to base × 2^attempt, never past the deadline.</summary>
    private static TimeSpan Backoff(TimeSpan baseInterval, int attempt, TimeSpan left)
    {
        var ceiling = baseInterval * Math.Pow(2, Math.Min(attempt, 10));
        var wait = ceiling * Random.Shared.NextDouble();
        return wait < left ? wait : TimeSpan.Zero;
    }

    private static HttpRequestException NoReplica(string service, string? subset, Exception? inner = null) =>
        new(HttpRequestError.ConnectionError,
            subset is null ? $"No ready replica of {service} is available." : $"No ready replica of {service} version {subset} is available.",
            inner, HttpStatusCode.ServiceUnavailable);

    private static TaskCanceledException TimedOut(string service, TimeSpan budget) =>
        new($"{service} did not answer within {budget.TotalMilliseconds:0} ms.", new TimeoutException());
}
