namespace Bazaar.Platform.Governance.Policy;

/// <summary>The rules a policy must keep beyond its JSON shape. Each problem names the path of the
/// value at fault, which <see cref="PolicyLoader"/> turns into a line of the file.</summary>
internal static partial class PolicyValidator
{
    /// <summary>Bazaar's services: a policy for any other name is a typo, not a new service.</summary>
    public static readonly IReadOnlySet<string> KnownServices = new HashSet<string>(StringComparer.Ordinal)
    {
        "gateway", "user-service", "product-service", "cart-service", "order-service", "payment-service", "recommendation-service",
    };

    public static List<(string Path, string Message)> Validate(TrafficPolicy policy, IReadOnlySet<string>? knownRoutes)
    {
        var problems = new List<(string, string)>();
        CheckService(policy.Defaults, "defaults", problems);
        foreach (var (name, service) in policy.Services)
        {
            var path = $"services.{name}";
            if (!KnownServices.Contains(name))
            {
                problems.Add((path, $"unknown service '{name}' (known: {string.Join(", ", KnownServices.Order(StringComparer.Ordinal))})"));
            }
            if (service is null)
            {
                problems.Add((path, "must be an object; {} for the defaults"));
                continue;
            }
            CheckService(service, path, problems);
        }

        CheckRateLimit(policy.Gateway.RateLimit, "gateway.rateLimit", problems);
        foreach (var (routeId, route) in policy.Gateway.Routes)
        {
            var path = $"gateway.routes.{routeId}";
            if (knownRoutes is not null && !knownRoutes.Contains(routeId))
            {
                problems.Add((path, $"unknown gateway route '{routeId}'"));
            }
            if (route is null)
            {
                problems.Add((path, "must be an object"));
                continue;
            }
            Positive(route.Timeout, $"{path}.timeout", problems);
            if (route.RateLimit is not null)
            {
                CheckRateLimit(route.RateLimit, $"{path}.rateLimit", problems);
            }
        }
        return problems;
    }

    private static void CheckService(ServicePolicy service, string path, List<(string, string)> problems)
    {
        Positive(service.Timeout, $"{path}.timeout", problems);
        if (service.Retries is { } retries)
        {
            Range(retries.Attempts, 0, 10, $"{path}.retries.attempts", problems);
            Positive(retries.PerTryTimeout, $"{path}.retries.perTryTimeout", problems);
            Positive(retries.BaseInterval, $"{path}.retries.baseInterval", problems);
            foreach (var (condition, index) in retries.RetryOn.Select((condition, index) => (condition, index)))
            {
                if (!RetryConditions.Known.Contains(condition))
                {
                    problems.Add(($"{path}.retries.retryOn[{index}]", $"unknown retry condition '{condition}' (known: {string.Join(", ", RetryConditions.Known)})"));
                }
            }
            if (retries.PerTryTimeout > service.Timeout)
            {
                problems.Add(($"{path}.retries.perTryTimeout", "perTryTimeout is longer than the timeout of the whole call"));
            }
        }
        if (service.RetryBudget is { } budget)
        {
            Range(budget.BudgetPercent, 0, 100, $"{path}.retryBudget.budgetPercent", problems);
            Range(budget.MinRetriesPerSecond, 0, 1000, $"{path}.retryBudget.minRetriesPerSecond", problems);
        }
        if (service.OutlierDetection is { } outliers)
        {
            Range(outliers.Consecutive5xxErrors, 1, 1000, $"{path}.outlierDetection.consecutive5xxErrors", problems);
            Positive(outliers.Interval, $"{path}.outlierDetection.interval", problems);
            Positive(outliers.BaseEjectionTime, $"{path}.outlierDetection.baseEjectionTime", problems);
            Range(outliers.MaxEjectionPercent, 0, 100, $"{path}.outlierDetection.maxEjectionPercent", problems);
        }
        if (service.ConcurrencyLimit is { } limit)
        {
            Range(limit.MinLimit, 1, 100_000, $"{path}.concurrencyLimit.minLimit", problems);
            Range(limit.MaxLimit, limit.MinLimit, 100_000, $"{path}.concurrencyLimit.maxLimit", problems);
            Range(limit.InitialLimit, limit.MinLimit, limit.MaxLimit, $"{path}.concurrencyLimit.initialLimit", problems);
        }
        if (service.Fault is { } fault)
        {
            if (fault.Delay is { } delay)
            {
                Range(delay.Percentage, 0, 100, $"{path}.fault.delay.percentage", problems);
                Positive(delay.FixedDelay, $"{path}.fault.delay.fixedDelay", problems);
            }
            if (fault.Abort is { } abort)
            {
                Range(abort.Percentage, 0, 100, $"{path}.fault.abort.percentage", problems);
                Range(abort.HttpStatus, 400, 599, $"{path}.fault.abort.httpStatus", problems);
            }
        }
        var rules = service.Routes ?? [];
        foreach (var (rule, index) in rules.Select((rule, index) => (rule, index)))
        {
            if (rule is null)
            {
                problems.Add(($"{path}.routes[{index}]", "must be an object"));
                continue;
            }
            CheckRoute(rule, $"{path}.routes[{index}]", problems);
        }
        // Without a rule for every request, those matching none would reach every version.
        if (rules.Count > 0 && rules[^1] is { Match: not null })
        {
            problems.Add(($"{path}.routes[{rules.Count - 1}]", "the last rule must have no match: it routes every request the others did not"));
        }
    }

    private static void CheckRoute(RouteRule rule, string path, List<(string, string)> problems)
    {
        if (rule.Route.Count == 0)
        {
            problems.Add(($"{path}.route", "a rule needs at least one destination subset"));
            return;
        }
        foreach (var (destination, index) in rule.Route.Select((destination, index) => (destination, index)))
        {
            if (destination is null)
            {
                problems.Add(($"{path}.route[{index}]", "must be an object"));
                return;
            }
            Range(destination.Weight, 0, 100, $"{path}.route[{index}].weight", problems);
            if (!VersionLabel().IsMatch(destination.Subset ?? ""))
            {
                problems.Add(($"{path}.route[{index}].subset", "a destination names its subset: a version label such as v1 (lower-case letters, digits and '-')"));
            }
        }
        var total = rule.Route.Sum(destination => destination.Weight);
        if (total != 100)
        {
            problems.Add(($"{path}.route", $"weights add up to {total}, not 100"));
        }
        if (rule.Match is { Headers.Count: 0 })
        {
            problems.Add(($"{path}.match", "a match names at least one header"));
        }
    }

    private static void CheckRateLimit(RateLimitPolicy limit, string path, List<(string, string)> problems)
    {
        foreach (var (bucket, name) in new[] { (limit.PerUser, "perUser"), (limit.PerClientIp, "perClientIp") })
        {
            if (bucket is not null)
            {
                Range(bucket.TokensPerSecond, 0.001, 1_000_000, $"{path}.{name}.tokensPerSecond", problems);
                Range(bucket.Burst, 1, 1_000_000, $"{path}.{name}.burst", problems);
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial System.Text.RegularExpressions.Regex VersionLabel();

    private static void Positive(TimeSpan? value, string path, List<(string, string)> problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add((path, "must be a positive duration"));
        }
    }

    private static void Range(double value, double min, double max, string path, List<(string, string)> problems)
    {
        if (value < min || value > max || double.IsNaN(value))
        {
            problems.Add((path, $"must be between {min} and {max} (is {value})"));
        }
    }
}
