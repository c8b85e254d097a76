using Microsoft.Extensions.Options;

namespace Bazaar.Platform.Health;

/// <summary>On SIGTERM (or Ctrl+C), before the server stops accepting connections: turn readiness
/// false and wait the configured drain delay, the local equivalent of a Kubernetes preStop sleep,
/// so that load balancers stop sending new requests first.</summary>
internal sealed class DrainOnShutdown(DrainState drain, IOptions<ShutdownOptions> options, ILogger<DrainOnShutdown> logger)
    : IHostedLifecycleService
{
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        drain.BeginDraining();
        var delay = options.Value.DrainDelay;
        logger.LogInformation("Shutting down: readiness is now false; draining for {DrainDelay}", delay);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
