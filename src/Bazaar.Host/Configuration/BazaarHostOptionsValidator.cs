using System.Globalization;
using Microsoft.Extensions.Options;

namespace Bazaar.Host.Configuration;

/// <summary>Checks every setting up front so a bad value stops the Host with a line that names
/// the setting, instead of surfacing later as a replica that never starts.</summary>
internal sealed class BazaarHostOptionsValidator : IValidateOptions<BazaarHostOptions>
{
    private const string Prefix = BazaarHostOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, BazaarHostOptions options)
    {
        var failures = new List<string>();
        void Fail(string setting, string problem, object? value) =>
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{setting} {problem} (got '{value}')."));

        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            Fail("DataDir", "must name a folder", options.DataDir);
        }
        if (options.BinariesDir is { } binaries && string.IsNullOrWhiteSpace(binaries))
        {
            Fail("BinariesDir", "must name a folder or be left out", binaries);
        }
        CheckPort("Gateway:Port", options.Gateway.Port);
        CheckPort("Host:Port", options.Host.Port);
        if (options.Gateway.Port != 0 && options.Gateway.Port == options.Host.Port)
        {
            Fail("Host:Port", "must differ from Bazaar:Gateway:Port", options.Host.Port);
        }

        if (options.Services.Count == 0)
        {
            failures.Add($"{Prefix}Services must name at least one service.");
        }
        foreach (var (service, settings) in options.Services)
        {
            if (!DnsLabel.IsValid(service))
            {
                Fail($"Services:{service}", "must be a DNS label (lower-case letters, digits and '-', at most 63 characters) because it is the discovery name", service);
            }
            if (settings is null)
            {
                continue;
            }
            if (string.IsNullOrWhiteSpace(settings.Project) || settings.Project.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                Fail($"Services:{service}:Project", "must be a project name such as Bazaar.Catalog", settings.Project);
            }
            if (settings.Service is not null && !DnsLabel.IsValid(settings.Service))
            {
                Fail($"Services:{service}:Service", "must be a DNS label (lower-case letters, digits and '-', at most 63 characters) because it is the discovery name", settings.Service);
            }
            if (!DnsLabel.IsValid(settings.Version ?? ""))
            {
                Fail($"Services:{service}:Version", "must be a DNS label such as v1 because it is part of a discovery name", settings.Version);
            }
            if (settings.Replicas is < 0 or > 64)
            {
                Fail($"Services:{service}:Replicas", "must be between 0 and 64", settings.Replicas);
            }
            CheckAutoscaling(service, settings);
            if (settings.Strategy is { } strategy)
            {
                failures.AddRange(RolloutStrategyRules.Problems(strategy).Select(problem => $"{Prefix}Services:{service}:Strategy{problem}"));
            }
        }

        CheckProbe("Probes:Startup", options.Probes.Startup);
        CheckProbe("Probes:Readiness", options.Probes.Readiness);
        CheckProbe("Probes:Liveness", options.Probes.Liveness);

        if (!Enum.IsDefined(options.RestartPolicy))
        {
            Fail("RestartPolicy", "must be Always, OnFailure or Never", options.RestartPolicy);
        }
        CheckSeconds("BackOff:InitialSeconds", options.BackOff.InitialSeconds, 0.01, 3600);
        CheckSeconds("BackOff:MaxSeconds", options.BackOff.MaxSeconds, Math.Max(0.01, options.BackOff.InitialSeconds), 3600);
        CheckSeconds("BackOff:ResetAfterSeconds", options.BackOff.ResetAfterSeconds, 0.01, 86400);
        CheckSeconds("TerminationGracePeriodSeconds", options.TerminationGracePeriodSeconds, 0, 300);
        CheckSeconds("PreStopSleepSeconds", options.PreStopSleepSeconds, 0, 60);
        CheckSeconds("Autoscaler:SyncPeriodSeconds", options.Autoscaler.SyncPeriodSeconds, 0.1, 300);
        if (options.Autoscaler.DecisionsKept is < 1 or > 10_000)
        {
            Fail("Autoscaler:DecisionsKept", "must be between 1 and 10000", options.Autoscaler.DecisionsKept);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void CheckAutoscaling(string service, ServiceOptions settings)
        {
            if (settings.CpuRequestMillicores < 1)
            {
                Fail($"Services:{service}:CpuRequestMillicores", "must be at least 1 (thousandths of a core)", settings.CpuRequestMillicores);
            }
            if (settings.Autoscaling is not { } autoscaling)
            {
                return;
            }
            var setting = $"Services:{service}:Autoscaling";
            if (settings.ServiceName(service) == BazaarHostOptions.GatewayService)
            {
                Fail(setting, "cannot be set on the gateway: only its first replica has the public port, so more replicas would take no traffic", "set");
                return;
            }
            if (autoscaling.MaxReplicas > 64)
            {
                Fail($"{setting}:MaxReplicas", "must be at most 64", autoscaling.MaxReplicas);
            }
            var (_, errors) = Autoscaling.HpaSpecFactory.Create(settings, options.Autoscaler);
            failures.AddRange(errors.Select(error => $"{Prefix}{setting}: {error}"));
        }

        void CheckPort(string setting, int port)
        {
            if (port is < 0 or > 65535)
            {
                Fail(setting, "must be a TCP port between 0 and 65535 (0 picks a free one)", port);
            }
        }

        void CheckProbe(string setting, ProbeOptions? probe)
        {
            if (probe is null)
            {
                failures.Add($"{Prefix}{setting} must be set.");
                return;
            }
            CheckSeconds($"{setting}:PeriodSeconds", probe.PeriodSeconds, 0.05, 300);
            CheckSeconds($"{setting}:TimeoutSeconds", probe.TimeoutSeconds, 0.05, 300);
            if (probe.FailureThreshold is < 1 or > 10_000)
            {
                Fail($"{setting}:FailureThreshold", "must be between 1 and 10000", probe.FailureThreshold);
            }
        }

        void CheckSeconds(string setting, double seconds, double min, double max)
        {
            if (!double.IsFinite(seconds) || seconds < min || seconds > max)
            {
                Fail(setting, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max} seconds"), seconds);
            }
        }
    }
}
