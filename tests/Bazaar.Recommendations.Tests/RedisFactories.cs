using System.Diagnostics.Metrics;
using Bazaar.Platform;
using Bazaar.Recommendations.Model;
using Bazaar.Recommendations.Model.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Bazaar.Recommendations.Tests;

/// <summary>One replica of recommendation-service with its lists shared through Redis: several on
/// one data folder and one key prefix are replicas of one service (one database, one event log,
/// one Redis). Refreshes every 50 ms; event-log partitions move within a second of a replica going.
/// <paramref name="fullLoadDelay"/> makes every load of all the counts (a new builder's first
/// refresh) take that long, as in a big shop.</summary>
public sealed class RedisReplicaFactory(string dataDirectory, string redis, string keyPrefix, string replica, TimeSpan? lease = null, TimeSpan? fullLoadDelay = null)
    : RecommendationsFactory
{
    /// <summary>Counts the reads of the counts, so a test can tell who built the lists.</summary>
    internal CountingSource Source { get; private set; } = null!;

    /// <summary>The connection of this replica's lease, which a test can break.</summary>
    internal InterceptedRedis LeaseRedis { get; private set; } = null!;

    /// <summary>The connection this replica publishes through, which a test can break.</summary>
    internal InterceptedRedis PublisherRedis { get; private set; } = null!;

    internal ListMirror Mirror => Services.GetRequiredService<ListMirror>();

    internal SharedListRefresher Refresher => Services.GetRequiredService<SharedListRefresher>();

    internal string Owner => Services.GetRequiredService<ListLease>().Owner;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings(),
        new("Bazaar:DataDir", dataDirectory),
        new("Bazaar:Replica", replica),
        new("ConnectionStrings:Redis", redis),
        new("Recommendations:Redis:KeyPrefix", keyPrefix),
        new("Recommendations:Redis:LeaseDuration", (lease ?? TimeSpan.FromSeconds(5)).ToString()),
        new("Recommendations:RefreshInterval", "00:00:00.050"),
        new("Messaging:Sqlite:LeaseDuration", "00:00:01"),
    ];

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.Replace(ServiceDescriptor.Singleton<IModelSource>(provider => Source = new CountingSource(provider.GetRequiredService<ModelStore>(), fullLoadDelay)));
        services.Replace(ServiceDescriptor.Singleton(provider =>
            ActivatorUtilities.CreateInstance<ListLease>(provider, (LeaseRedis = InterceptedRedis.Over(provider.GetRequiredService<IConnectionMultiplexer>())).Connection)));
        services.Replace(ServiceDescriptor.Singleton(provider =>
            ActivatorUtilities.CreateInstance<ListPublisher>(provider, (PublisherRedis = InterceptedRedis.Over(provider.GetRequiredService<IConnectionMultiplexer>())).Connection)));
    }

    internal sealed class CountingSource(ModelStore store, TimeSpan? fullLoadDelay) : IModelSource
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public Task<ModelState> StateAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return store.StateAsync(cancellationToken);
        }

        public async Task<ModelChanges> ChangesAsync(long salesSince, long viewsSince, CancellationToken cancellationToken)
        {
            if (fullLoadDelay is { } delay && salesSince == 0 && viewsSince == 0) await Task.Delay(delay, cancellationToken);
            return await store.ChangesAsync(salesSince, viewsSince, cancellationToken);
        }

        public Task ForgetViewsAsync(StoredCounts faded, CancellationToken cancellationToken) => store.ForgetViewsAsync(faded, cancellationToken);
    }
}

/// <summary>The lease, publisher and mirror of one replica, on their own (no service around them),
/// so a test decides when each acts.</summary>
internal sealed class SharedListParts
{
    /// <param name="publisherRedis">The connection the publisher alone uses (default: <paramref name="redis"/>).</param>
    public SharedListParts(IConnectionMultiplexer redis, string keyPrefix, string replica, TimeProvider? time = null, IConnectionMultiplexer? publisherRedis = null)
    {
        var options = Options.Create(new RedisListOptions { KeyPrefix = keyPrefix, LeaseDuration = TimeSpan.FromMinutes(1) });
        Keys = new RedisLists(options);
        Lease = new ListLease(redis, Keys, options, new ServiceIdentity("recommendation-service", replica));
        Publisher = new ListPublisher(publisherRedis ?? redis, Keys, Lease, options, time ?? TimeProvider.System, Meters.Instance, NullLogger<ListPublisher>.Instance);
        Mirror = new ListMirror(redis, Keys, Meters.Instance);
    }

    public RedisLists Keys { get; }

    public ListLease Lease { get; }

    public ListPublisher Publisher { get; }

    public ListMirror Mirror { get; }

    private sealed class Meters : IMeterFactory
    {
        public static Meters Instance { get; } = new();

        public Meter Create(MeterOptions options) => new(options);

        public void Dispose() { }
    }
}

internal static class RedisKeys
{
    /// <summary>A key prefix of a test's own, so tests sharing one server never see each other's keys.</summary>
    public static string NewPrefix() => $"test:{Guid.NewGuid():N}:";
}
