using System.Net;
using Bazaar.Host.Autoscaling;
using Bazaar.Host.Configuration;
using Bazaar.Host.Logging;
using Bazaar.Host.Metrics;
using Bazaar.Host.Lifecycle;
using Bazaar.Host.Processes;
using Bazaar.Host.Publishing;
using Bazaar.Host.Releases;
using Bazaar.Host.Supervision;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Bazaar.Host;

internal static class ControlPlaneExtensions
{
    /// <summary>Everything the Host is made of: its validated settings, the supervision of every
    /// replica, the run files, the console and the status API's listener.</summary>
    public static WebApplicationBuilder AddControlPlane(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.FormatterName = HostConsoleFormatter.FormatterName);
        builder.Logging.AddConsoleFormatter<HostConsoleFormatter, ConsoleFormatterOptions>();
        // Start-up failures are printed by Program as one line; the Host's stack trace would bury it.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        var services = builder.Services;
        services.AddOptions<BazaarHostOptions>()
            .BindConfiguration(BazaarHostOptions.SectionName)
            .PostConfigure(options =>
            {
                if (!string.IsNullOrWhiteSpace(options.DataDir))
                {
                    options.DataDir = Path.GetFullPath(options.DataDir);
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BazaarHostOptions>, BazaarHostOptionsValidator>();
        // Stopping is governed by Bazaar:TerminationGracePeriodSeconds (at most 300 s); never cut it short.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromMinutes(6));
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton(provider => new HostPaths(Settings(provider).DataDir, Settings(provider).TrafficPolicy));
        services.AddSingleton(provider => new BinaryLocator(AppContext.BaseDirectory, Settings(provider).BinariesDir));
        services.AddSingleton<PortAllocator>();
        services.AddSingleton<ReplicaLauncher>();
        services.AddSingleton<HttpProbe>();
        services.AddSingleton<ReplicaRegistry>();
        services.AddSingleton<ReplicaSupervisorFactory>();
        services.AddSingleton<HostPidFile>();
        services.AddSingleton<GatewayRoutes>();
        services.AddSingleton<StaleProcessCleaner>();

        services.AddSingleton<IReplicaObserver>(provider => new EndpointsPublisher(
            provider.GetRequiredService<HostPaths>(),
            [.. Settings(provider).Services.Select(entry => (entry.Value.ServiceName(entry.Key), entry.Value.Version))],
            provider.GetRequiredService<ILogger<EndpointsPublisher>>()));
        services.AddSingleton<IReplicaObserver, ReplicaStatusFile>();
        services.AddSingleton<IReplicaObserver>(provider => new ReadyAnnouncer(
            [.. Settings(provider).Services.Where(entry => entry.Value.Replicas > 0).Select(entry => entry.Value.ServiceName(entry.Key)).Distinct()],
            provider.GetRequiredService<HostPaths>(),
            () => provider.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(),
            provider.GetRequiredService<GatewayRoutes>().ReachesAsync,
            provider.GetRequiredService<ILogger<ReadyAnnouncer>>()));

        services.AddSingleton<ControlPlane>();
        services.AddHostedService(provider => provider.GetRequiredService<ControlPlane>());

        services.AddSingleton<ReplicaMetricsReader>();
        services.AddSingleton<HostMetrics>();
        services.AddSingleton<AutoscalingMetrics>();
        services.AddSingleton<AutoscalingController>();
        services.AddHostedService(provider => provider.GetRequiredService<AutoscalingController>());
        services.AddSingleton<TrafficSplits>();
        services.AddSingleton<CanaryAnalysis>();
        services.AddSingleton<RolloutController>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(HostMetrics.MeterName, AutoscalingMetrics.MeterName)
            .AddPrometheusExporter());

        // The status API listens on loopback only, on Bazaar:Host:Port; addresses from the
        // environment (ASPNETCORE_URLS ...) are meant for the services, not for the Host.
        builder.WebHost.UseUrls();
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, "");
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, "");
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<BazaarHostOptions>>((kestrel, options) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Value.Host.Port);
        });
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, HostJson.Default));
        return builder;
    }

    private static BazaarHostOptions Settings(IServiceProvider provider) => provider.GetRequiredService<IOptions<BazaarHostOptions>>().Value;
}
