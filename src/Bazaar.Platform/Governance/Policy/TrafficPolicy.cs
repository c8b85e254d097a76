namespace Bazaar.Platform.Governance.Policy;

/// <summary>The traffic policy of one environment: what Istio's DestinationRules and
/// VirtualServices say in a cluster, in one file that every Bazaar process reads (see
/// docs/operations.md, "Traffic policy"). Field names and defaults are Istio's where it has them.
/// Properties are settable rather than init-only: System.Text.Json sets a missing init-only
/// property to null, which would wipe out its default.</summary>
public sealed record TrafficPolicy
{
    /// <summary>What every service gets unless its own section says otherwise.</summary>
    public ServicePolicy Defaults { get; set; } = ServicePolicy.BuiltIn;

    /// <summary>Per logical service name (<c>product-service</c>): only the parts that differ
    /// from <see cref="Defaults"/>; a part given here replaces the default part whole.</summary>
    public Dictionary<string, ServicePolicy> Services { get; set; } = [];

    public GatewayPolicy Gateway { get; set; } = new();

    public static TrafficPolicy Default { get; } = new();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ResolvedServicePolicy> _resolved = new(StringComparer.Ordinal);

    /// <summary>The effective policy of one service: its own parts over the defaults. Resolved once
    /// per policy (a policy is never changed after loading; a reload makes a new one).</summary>
    public ResolvedServicePolicy For(string service) =>
        _resolved.GetOrAdd(service, static (service, policy) => policy.Resolve(service), this);

    private ResolvedServicePolicy Resolve(string service)
    {
        var own = Services.GetValueOrDefault(service);
        var defaults = Defaults;
        return new ResolvedServicePolicy(
            service,
            own?.Timeout ?? defaults.Timeout ?? ServicePolicy.BuiltIn.Timeout!.Value,
            own?.Retries ?? defaults.Retries ?? ServicePolicy.BuiltIn.Retries!,
            own?.RetryBudget ?? defaults.RetryBudget ?? ServicePolicy.BuiltIn.RetryBudget!,
            own?.LoadBalancer ?? defaults.LoadBalancer ?? ServicePolicy.BuiltIn.LoadBalancer!.Value,
            own?.OutlierDetection ?? defaults.OutlierDetection ?? ServicePolicy.BuiltIn.OutlierDetection!,
            own?.ConcurrencyLimit ?? defaults.ConcurrencyLimit ?? ServicePolicy.BuiltIn.ConcurrencyLimit!,
            own?.Fault ?? defaults.Fault,
            own?.Routes ?? [],
            own?.StickyBy ?? defaults.StickyBy ?? StickyBy.User);
    }
}

/// <summary>One service's section. Every part is optional: a missing part falls back to the
/// policy's <c>defaults</c>, then to <see cref="BuiltIn"/>.</summary>
public sealed record ServicePolicy
{
    /// <summary>Budget for a whole call to the service, retries included (Istio's route <c>timeout</c>).</summary>
    public TimeSpan? Timeout { get; set; }

    public RetryPolicy? Retries { get; set; }

    public RetryBudgetPolicy? RetryBudget { get; set; }

    public LoadBalancer? LoadBalancer { get; set; }

    public OutlierDetectionPolicy? OutlierDetection { get; set; }

    /// <summary>Load shedding on the service's own replicas: the adaptive concurrency limit.</summary>
    public ConcurrencyLimitPolicy? ConcurrencyLimit { get; set; }

    /// <summary>Faults injected into the service's own requests, for resilience testing.</summary>
    public FaultPolicy? Fault { get; set; }

    /// <summary>Version routing, first match wins (a VirtualService's <c>http</c> list). None: every
    /// ready replica of every version takes traffic.</summary>
    public List<RouteRule>? Routes { get; set; }

    /// <summary>What keeps a caller on one version across requests.</summary>
    public StickyBy? StickyBy { get; set; }

    /// <summary>The defaults when the policy file says nothing (and when there is no file).</summary>
    public static ServicePolicy BuiltIn { get; } = new()
    {
        Timeout = TimeSpan.FromSeconds(10),
        Retries = new RetryPolicy(),
        RetryBudget = new RetryBudgetPolicy(),
        LoadBalancer = Policy.LoadBalancer.LeastRequest,
        OutlierDetection = new OutlierDetectionPolicy(),
        ConcurrencyLimit = new ConcurrencyLimitPolicy(),
        StickyBy = Policy.StickyBy.User,
    };
}

/// <summary>Istio's <c>HTTPRetry</c>: <c>attempts</c> retries after the first try (Istio's default is 2).</summary>
public sealed record RetryPolicy
{
    public int Attempts { get; set; } = 2;

    /// <summary>Each try's own timeout; unset: the whole call's timeout.</summary>
    public TimeSpan? PerTryTimeout { get; set; }

    /// <summary>Conditions worth another try: <c>connect-failure</c>, <c>reset</c>, <c>unavailable</c>
    /// (a 503), <c>gateway-error</c> (502, 503, 504).</summary>
    public List<string> RetryOn { get; set; } = ["connect-failure", "reset", "unavailable"];

    /// <summary>First back-off; each retry waits a random time up to twice the previous (full jitter).</summary>
    public TimeSpan BaseInterval { get; set; } = TimeSpan.FromMilliseconds(25);
}

/// <summary>A retry budget as Finagle and Envoy have it: every request earns
/// <see cref="BudgetPercent"/>% of a retry, and a retry spends one; <see cref="MinRetriesPerSecond"/>
/// more are always allowed so that a quiet service can still retry. A whole service being down
/// therefore costs at most that much extra load, however many callers retry.</summary>
public sealed record RetryBudgetPolicy
{
    public double BudgetPercent { get; set; } = 20;

    public double MinRetriesPerSecond { get; set; } = 3;
}

public enum LoadBalancer
{
    /// <summary>Least outstanding requests between two random ready replicas (Istio's default).</summary>
    LeastRequest,
    RoundRobin,
}

/// <summary>Istio's <c>OutlierDetection</c>: a replica answering <see cref="Consecutive5xxErrors"/>
/// errors in a row is ejected for <see cref="BaseEjectionTime"/> × the times it has been ejected,
/// never more than <see cref="MaxEjectionPercent"/> of the service's replicas at once.</summary>
public sealed record OutlierDetectionPolicy
{
    public int Consecutive5xxErrors { get; set; } = 5;

    /// <summary>How often ejections are reviewed: an ejected replica whose time is up comes back
    /// (half-open: one more error ejects it again, for longer).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan BaseEjectionTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Istio's default is 10%; with the one to three replicas of a local shop that would
    /// eject nothing, so Bazaar's default is 50%.</summary>
    public double MaxEjectionPercent { get; set; } = 50;
}

/// <summary>The adaptive concurrency limit each replica applies to its own requests (load shedding).</summary>
public sealed record ConcurrencyLimitPolicy
{
    public bool Enabled { get; set; } = true;

    public int InitialLimit { get; set; } = 64;

    public int MinLimit { get; set; } = 8;

    public int MaxLimit { get; set; } = 1000;
}

/// <summary>Istio's <c>HTTPFaultInjection</c>, applied by the service's own replicas.</summary>
public sealed record FaultPolicy
{
    public DelayFault? Delay { get; set; }

    public AbortFault? Abort { get; set; }

    /// <summary>Only replicas of this version; unset: every replica.</summary>
    public string? Subset { get; set; }
}

public sealed record DelayFault(double Percentage, TimeSpan FixedDelay);

public sealed record AbortFault(double Percentage, int HttpStatus);

/// <summary>One rule of a VirtualService: when <see cref="Match"/> holds, send to the subsets of
/// <see cref="Route"/> in proportion to their weights.</summary>
public sealed record RouteRule
{
    public RouteMatch? Match { get; set; }

    public List<WeightedSubset> Route { get; set; } = [];
}

/// <summary>Request headers that must all have these exact values.</summary>
public sealed record RouteMatch(Dictionary<string, string> Headers);

public sealed record WeightedSubset(string Subset, int Weight = 100);

public enum StickyBy
{
    /// <summary>The signed-in user (else the client address): a shopper stays on one version.</summary>
    User,
    None,
}

/// <summary>Everything a caller of one service needs, with every default filled in.</summary>
public sealed record ResolvedServicePolicy(
    string Service,
    TimeSpan Timeout,
    RetryPolicy Retries,
    RetryBudgetPolicy RetryBudget,
    LoadBalancer LoadBalancer,
    OutlierDetectionPolicy OutlierDetection,
    ConcurrencyLimitPolicy ConcurrencyLimit,
    FaultPolicy? Fault,
    IReadOnlyList<RouteRule> Routes,
    StickyBy StickyBy);
