using System.Runtime.InteropServices;

namespace Bazaar.Platform.Lifetime;

/// <summary>The lifetime of a replica the Host started. Ctrl+C in the Host's terminal sends SIGINT
/// to every process of its group, replicas included; they ignore it, so that the Host can first
/// unpublish each replica and then stop it (by closing its standard input). SIGTERM still stops
/// the replica, as Kubernetes and process managers expect.</summary>
internal sealed class ParentOwnedLifetime(IHostApplicationLifetime lifetime) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _registrations = [];

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            lifetime.StopApplication();
        }));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGQUIT, context => context.Cancel = true));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }
}
