using Bazaar.Platform;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Bazaar.Recommendations.Model.Shared;

/// <summary>What <see cref="ListLease.HoldAsync"/> found.</summary>
internal enum LeaseTerm
{
    /// <summary>Another replica builds.</summary>
    None,

    /// <summary>This replica held the lease already and renewed it.</summary>
    Renewed,

    /// <summary>The lease was free and this replica took it: a new term begins.</summary>
    Acquired,
}

/// <summary>Which replica builds the lists: the one whose <see cref="Owner"/> the lease key holds.
/// The key expires after <see cref="RedisListOptions.LeaseDuration"/>, so a builder that dies or
/// loses Redis is replaced. Its holder renews it on a loop of its own (<see cref="RenewAsync"/>),
/// not only each refresh, since one refresh (a new builder loading every count) can outlast it.</summary>
internal sealed class ListLease(IConnectionMultiplexer redis, RedisLists keys, IOptions<RedisListOptions> options, ServiceIdentity identity)
{
    // Compare and act in one step: the lease may have passed to another replica since our last look.
    private const string RenewScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0";
    private const string ReleaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";

    /// <summary>This process's id in the lease: the replica's name plus a part of its own, since two
    /// processes may share a name (a restart, or tests).</summary>
    public string Owner { get; } = $"{identity.Replica}/{Guid.CreateVersion7():N}";

    /// <summary>Renews the lease if this replica holds it, else takes it if it is free.</summary>
    public async Task<LeaseTerm> HoldAsync()
    {
        if (await RenewAsync()) return LeaseTerm.Renewed;
        return await redis.GetDatabase().StringSetAsync(keys.Lease, Owner, options.Value.LeaseDuration, When.NotExists) ? LeaseTerm.Acquired : LeaseTerm.None;
    }

    /// <summary>Renews the lease if this replica holds it; never takes it. False when it is not ours.</summary>
    public async Task<bool> RenewAsync() =>
        (long)await redis.GetDatabase().ScriptEvaluateAsync(RenewScript, [keys.Lease], [Owner, (long)options.Value.LeaseDuration.TotalMilliseconds]) == 1;

    /// <summary>Gives the lease up if this replica holds it, so another takes over at once rather
    /// than after it expires.</summary>
    public Task ReleaseAsync() => redis.GetDatabase().ScriptEvaluateAsync(ReleaseScript, [keys.Lease], [Owner]);
}
