using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Bazaar.Recommendations.Model.Shared;

/// <summary>The two kinds of lists: "bought together" and "viewed together".</summary>
internal enum ListKind
{
    Bought,
    Viewed,
}

/// <summary>The Redis keys of the shared lists, all under <see cref="RedisListOptions.KeyPrefix"/>:
/// <list type="bullet">
/// <item><c>builder</c>: the lease; its value names the replica that builds and publishes.</item>
/// <item><c>bought</c>, <c>viewed</c>: hashes, field = SKU, value = its neighbour list (JSON).</item>
/// <item><c>popular:bought</c>, <c>popular:viewed</c>: each kind's popularity ranking (JSON).</item>
/// <item><c>version</c>: moves on with every publish; <c>generation</c>: the rebuild the lists come from.</item>
/// <item><c>changes</c>: a stream, one entry per publish, whose id is the version it made (<see cref="ChangeEntry"/>).</item>
/// <item><c>staging:{owner}:bought</c>, <c>…:viewed</c>: a full publish's lists before they are renamed over the live ones.</item>
/// </list></summary>
internal sealed class RedisLists(IOptions<RedisListOptions> options)
{
    private readonly string _prefix = options.Value.KeyPrefix;

    public RedisKey Lease => _prefix + "builder";

    public RedisKey Version => _prefix + "version";

    public RedisKey Generation => _prefix + "generation";

    public RedisKey Changes => _prefix + "changes";

    public RedisKey Lists(ListKind kind) => _prefix + Name(kind);

    public RedisKey Popular(ListKind kind) => _prefix + "popular:" + Name(kind);

    public RedisKey Staging(ListKind kind, string owner) => $"{_prefix}staging:{owner}:{Name(kind)}";

    public static string Name(ListKind kind) => kind == ListKind.Bought ? "bought" : "viewed";
}
