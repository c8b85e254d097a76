namespace Bazaar.Host.Configuration;

/// <summary>The Host's settings, bound from the <c>Bazaar</c> section and validated at start-up
/// by <see cref="BazaarHostOptionsValidator"/>.</summary>
public sealed class BazaarHostOptions
{
    public const string SectionName = "Bazaar";

    /// <summary>The logical name of the edge service whose first replica gets <see cref="Gateway"/>'s port.</summary>
    public const string GatewayService = "gateway";

    /// <summary>Where databases, logs and run files live; relative to the current directory, made absolute.</summary>
    public string DataDir { get; set; } = ".bazaar";

    /// <summary>A folder holding <c>&lt;Project&gt;/&lt;Project&gt;.dll</c> for every service (a published
    /// layout). Unset: services are found beside the Host in the artifacts output.</summary>
    public string? BinariesDir { get; set; }

    public GatewayOptions Gateway { get; set; } = new();

    public HostApiOptions Host { get; set; } = new();

    /// <summary>The traffic policy file every replica reads and reloads (timeouts, retries, outlier
    /// ejection, load shedding, version routing, fault injection, the gateway's rate limits).
    /// Unset: <c>traffic-policy.json</c> beside the Host.</summary>
    public string? TrafficPolicy { get; set; }

    /// <summary>What runs, by name: each entry is a Deployment. Its name is the logical service name
    /// (the discovery name, <c>http://&lt;name&gt;</c>) unless it sets <see cref="ServiceOptions.Service"/>,
    /// as a second version of a service does (<c>product-service-v2</c>).</summary>
    public Dictionary<string, ServiceOptions> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [GatewayService] = new() { Project = "Bazaar.Gateway" },
        // Demo accounts to try the local shop with (a production user-service seeds none).
        ["user-service"] = new() { Project = "Bazaar.Users", Environment = { ["Users__Seed__Users"] = "20" } },
        ["product-service"] = new() { Project = "Bazaar.Catalog" },
        ["cart-service"] = new() { Project = "Bazaar.Carts" },
        ["order-service"] = new() { Project = "Bazaar.Orders" },
        ["payment-service"] = new() { Project = "Bazaar.Payments" },
        ["recommendation-service"] = new() { Project = "Bazaar.Recommendations" },
    };

    public ProbesOptions Probes { get; set; } = new();

    /// <summary>What happens when a replica's process ends (Kubernetes <c>restartPolicy</c>).</summary>
    public RestartPolicy RestartPolicy { get; set; } = RestartPolicy.Always;

    public BackOffOptions BackOff { get; set; } = new();

    /// <summary>How long a replica gets to stop after its standard input is closed before it is killed
    /// (Kubernetes <c>terminationGracePeriodSeconds</c>, which defaults to 30 there).</summary>
    public double TerminationGracePeriodSeconds { get; set; } = 15;

    internal TimeSpan TerminationGracePeriod => TimeSpan.FromSeconds(TerminationGracePeriodSeconds);

    /// <summary>How long a replica taken out of service one at a time (scale-down, rolling update)
    /// stays running after it is unpublished, before it is asked to stop: every caller's discovery
    /// has seen it go by then, so no new request reaches a replica that is closing (the
    /// <c>preStop</c> sleep a Kubernetes Deployment uses for the same race).</summary>
    public double PreStopSleepSeconds { get; set; } = 2;

    internal TimeSpan PreStopSleep => TimeSpan.FromSeconds(PreStopSleepSeconds);

    public AutoscalerOptions Autoscaler { get; set; } = new();
}

public sealed class GatewayOptions
{
    /// <summary>The public port of the first gateway replica; 0 picks a free port.</summary>
    public int Port { get; set; } = 8080;
}

public sealed class HostApiOptions
{
    /// <summary>The port of the Host's own status API on 127.0.0.1; 0 picks a free port.</summary>
    public int Port { get; set; }
}

public sealed class ServiceOptions
{
    /// <summary>The logical service the replicas belong to; unset: the entry's own name. Two entries
    /// of one service with different <see cref="Version"/>s are two versions of it (a canary).</summary>
    public string? Service { get; set; }

    /// <summary>The version label (a traffic policy subset); discovery also lists the replicas
    /// under <c>&lt;version&gt;.&lt;service&gt;</c>.</summary>
    public string Version { get; set; } = "v1";

    /// <summary>The project (and assembly) name, e.g. <c>Bazaar.Catalog</c>.</summary>
    public string Project { get; set; } = "";

    /// <summary>How many replicas to run; 0 runs none.</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>What 100% CPU utilisation means for the autoscaler, in thousandths of a core
    /// (a container's <c>resources.requests.cpu</c>; the case's Deployment asks for 500m).</summary>
    public int CpuRequestMillicores { get; set; } = 500;

    /// <summary>Set: the replica count follows the load between its min and max (a HorizontalPodAutoscaler);
    /// <see cref="Replicas"/> is then only the count it starts with.</summary>
    public AutoscalingOptions? Autoscaling { get; set; }

    /// <summary>How a rollout replaces its replicas; unset: a rolling update, one extra replica at a time.</summary>
    public RolloutStrategyOptions? Strategy { get; set; }

    /// <summary>Environment variables for every replica of the service, like a Deployment's
    /// <c>env</c>; what the Host itself must set (address, identity, data folder) wins.</summary>
    public Dictionary<string, string> Environment { get; set; } = [];

    /// <summary>The logical service of the entry named <paramref name="entry"/>.</summary>
    public string ServiceName(string entry) => string.IsNullOrWhiteSpace(Service) ? entry : Service;
}

/// <summary>Probes with the names and meaning of a Kubernetes container's probes.</summary>
public sealed class ProbesOptions
{
    /// <summary>Gates the other two until the process answers at all: a replica that is still
    /// migrating its database is not killed for failing liveness.</summary>
    public ProbeOptions Startup { get; set; } = new() { PeriodSeconds = 0.5, FailureThreshold = 120 };

    /// <summary>Decides whether the replica is published (receives traffic).</summary>
    public ProbeOptions Readiness { get; set; } = new() { PeriodSeconds = 0.5 };

    /// <summary>Decides whether the replica is killed and restarted.</summary>
    public ProbeOptions Liveness { get; set; } = new() { PeriodSeconds = 2 };
}

public sealed class ProbeOptions
{
    public double PeriodSeconds { get; set; } = 10;

    public double TimeoutSeconds { get; set; } = 1;

    /// <summary>Consecutive failures before the probe counts as failed.</summary>
    public int FailureThreshold { get; set; } = 3;

    internal TimeSpan Period => TimeSpan.FromSeconds(PeriodSeconds);

    internal TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}

/// <summary>Kubernetes' <c>restartPolicy</c> values.</summary>
public enum RestartPolicy
{
    Always,
    OnFailure,
    Never,
}

/// <summary>The delay before restarting a replica that ended: exponential from
/// <see cref="InitialSeconds"/>, doubling to <see cref="MaxSeconds"/>, back to the start once a
/// replica has been ready for <see cref="ResetAfterSeconds"/>.</summary>
/// <remarks>Kubernetes uses 10 s doubling to 300 s, reset after 10 minutes: right for a cluster
/// where a crash loop competes with many tenants. Here one developer's machine runs one shop, a
/// killed replica must be back well inside the 30 s recovery target, and a crash loop costs only
/// our own CPU, so the numbers are smaller.</remarks>
public sealed class BackOffOptions
{
    public double InitialSeconds { get; set; } = 1;

    public double MaxSeconds { get; set; } = 30;

    public double ResetAfterSeconds { get; set; } = 60;

    internal TimeSpan Initial => TimeSpan.FromSeconds(InitialSeconds);

    internal TimeSpan Max => TimeSpan.FromSeconds(MaxSeconds);

    internal TimeSpan ResetAfter => TimeSpan.FromSeconds(ResetAfterSeconds);
}
