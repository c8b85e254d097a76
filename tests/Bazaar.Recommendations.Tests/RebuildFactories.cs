using Bazaar.Messaging.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bazaar.Recommendations.Tests;

/// <summary>As <see cref="RecommendationsFactory"/>, where a test decides when the replay of a
/// rebuild counts as caught up (<see cref="HeldTransport.Held"/>); the stream's head is the real one.</summary>
public sealed class HeldRebuildFactory : RecommendationsFactory
{
    internal HeldTransport Transport { get; private set; } = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.Replace(ServiceDescriptor.Singleton<IEventTransport>(provider =>
            Transport = new HeldTransport(ActivatorUtilities.CreateInstance<SqliteEventTransport>(provider))));
    }

    internal sealed class HeldTransport(IEventTransport real) : DelegatingTransport(real)
    {
        private volatile bool _held = true;
        private volatile bool _broken;

        /// <summary>While true, no position counts as reached.</summary>
        public bool Held { get => _held; set => _held = value; }

        /// <summary>While true, the stream's head cannot be read.</summary>
        public bool Broken { get => _broken; set => _broken = value; }

        public override Task<long> HeadAsync(string stream, CancellationToken cancellationToken = default) =>
            Broken ? throw new IOException("the event log is unreadable (simulated)") : base.HeadAsync(stream, cancellationToken);

        public override async Task<bool> HasReachedAsync(string stream, string group, long position, CancellationToken cancellationToken = default) =>
            !Held && await base.HasReachedAsync(stream, group, position, cancellationToken);
    }
}

/// <summary>As <see cref="RecommendationsFactory"/> on a data folder given by the test (so a second
/// instance is the same service restarted), with an event log whose rewinds fail
/// <paramref name="failingRewinds"/> times (<see cref="int.MaxValue"/>: always).</summary>
public sealed class RestartableFactory(string dataDirectory, int failingRewinds = 0) : RecommendationsFactory
{
    internal FailingRewindTransport? Transport { get; private set; }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [.. base.Settings(), new("Bazaar:DataDir", dataDirectory)];

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.Replace(ServiceDescriptor.Singleton<IEventTransport>(provider =>
            Transport = new FailingRewindTransport(ActivatorUtilities.CreateInstance<SqliteEventTransport>(provider), failingRewinds)));
    }

    internal sealed class FailingRewindTransport(IEventTransport real, int failures) : DelegatingTransport(real)
    {
        private int _rewinds;

        /// <summary>How many rewinds were asked for, failed ones included.</summary>
        public int Rewinds => Volatile.Read(ref _rewinds);

        public override Task RewindAsync(string stream, string group, long position, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _rewinds) <= failures
                ? throw new InvalidOperationException("the event log is unreachable (simulated)")
                : base.RewindAsync(stream, group, position, cancellationToken);
    }
}
