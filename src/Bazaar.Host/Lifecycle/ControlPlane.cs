using Bazaar.Host.Configuration;
using Bazaar.Host.Processes;
using Bazaar.Host.Publishing;
using Bazaar.Host.Supervision;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Bazaar.Host.Lifecycle;

/// <summary>The Host's life: check everything that can be checked before starting anything (one
/// Host per data folder, leftovers of a killed Host, every binary, the gateway's port), start every
/// service's replica set once the status API listens, and on Ctrl+C or SIGTERM unpublish every
/// replica, ask each to stop and kill what is left after the grace period.</summary>
internal sealed class ControlPlane(
    IOptions<BazaarHostOptions> options,
    HostPaths paths,
    BinaryLocator binaries,
    HostPidFile pidFile,
    StaleProcessCleaner cleaner,
    ReplicaSupervisorFactory supervisors,
    ReplicaRegistry registry,
    Releases.TrafficSplits splits,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<ControlPlane> logger) : IHostedLifecycleService
{
    private readonly Dictionary<string, Deployment> _deployments = new(StringComparer.Ordinal);

    /// <summary>Each entry of Bazaar:Services, by name, for whatever scales or rolls them.</summary>
    public IReadOnlyDictionary<string, Deployment> Deployments => _deployments;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        paths.EnsureCreated();
        pidFile.Claim();
        try
        {
            cleaner.Clean();
            var missing = new List<string>();
            foreach (var service in settings.Services.Values.Where(service => service.Replicas > 0))
            {
                try
                {
                    binaries.Locate(service.Project);
                }
                catch (HostStartupException exception)
                {
                    missing.Add(exception.Message);
                }
            }
            if (missing.Count > 0)
            {
                throw new HostStartupException(string.Join(" ", missing));
            }
            var gatewayPort = settings.Gateway.Port;
            if (gatewayPort != 0 && settings.Services.TryGetValue(BazaarHostOptions.GatewayService, out var gateway) && gateway.Replicas > 0 && !PortAllocator.IsFree(gatewayPort))
            {
                throw new HostStartupException(
                    $"Bazaar:Gateway:Port {gatewayPort} is in use by another program. Stop it, or set Bazaar__Gateway__Port to another port (0 picks a free one).");
            }
            registry.Notify(); // Services start against an endpoints file that exists, even if empty.
            splits.Reset(); // No release survives the Host that ran it: every service follows the policy file.
        }
        catch
        {
            pidFile.Release();
            throw;
        }
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After the status API listens (its address goes into the ready line).</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // Where tools (the bazaar CLI) find the Host's API, whatever port it got.
        if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } api)
        {
            AtomicFile.Write(paths.HostApiFile, System.Text.Encoding.ASCII.GetBytes(api));
        }
        var services = settings.Services.Where(service => service.Value.Replicas > 0).ToList();
        logger.LogInformation("Starting Bazaar: {Replicas} replicas of {Services} services; data in {DataDir}",
            services.Sum(service => service.Value.Replicas), services.Count, paths.DataDir);
        foreach (var (name, spec) in settings.Services.OrderBy(service => service.Key, StringComparer.Ordinal))
        {
            var initial = new ReplicaTemplate(1, binaries.Locate(spec.Project), spec.Version, spec.Environment) { BinariesDir = settings.BinariesDir };
            var deployment = new Deployment(name, spec, initial, template => new ReplicaSet(name, spec.ServiceName(name), template,
                settings.Gateway.Port, supervisors, registry, settings.TerminationGracePeriod, settings.PreStopSleep, lifetime.ApplicationStopping));
            _deployments[name] = deployment;
            await deployment.Current.ScaleAsync(spec.Replicas, cancellationToken);
        }
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_deployments.Count > 0)
        {
            logger.LogInformation("Stopping Bazaar: every replica unpublished and asked to stop (killed after {Grace} s)",
                options.Value.TerminationGracePeriodSeconds);
            await Task.WhenAll(_deployments.Values.Select(deployment => deployment.UnpublishAsync()));
            await Task.WhenAll(_deployments.Values.Select(deployment => deployment.TerminateAsync()));
        }
        File.Delete(paths.HostApiFile);
        pidFile.Release();
        logger.LogInformation("Bazaar stopped");
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
