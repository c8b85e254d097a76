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
/// loses Redis is replaced; its holder renews it each refresh, and only while it still holds it.</summary>
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
        var database = redis.GetDatabase();
        var duration = options.Value.LeaseDuration;
        if ((long)await database.ScriptEvaluateAsync(RenewScript, [keys.Lease], [Owner, (long)duration.TotalMilliseconds]) == 1) return LeaseTerm.Renewed;
        return await database.StringSetAsync(keys.Lease, Owner, duration, When.NotExists) ? LeaseTerm.Acquired : LeaseTerm.None;
    }

    /// <summary>Gives the lease up if this replica holds it, so another takes over at once rather
    /// than after it expires.</summary>
    public Task ReleaseAsync() => redis.GetDatabase().ScriptEvaluateAsync(ReleaseScript, [keys.Lease], [Owner]);
}
