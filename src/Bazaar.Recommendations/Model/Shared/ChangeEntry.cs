using StackExchange.Redis;

namespace Bazaar.Recommendations.Model.Shared;

/// <summary>One publish, as an entry of the changes stream whose id is <c>{Version}-0</c>. A
/// <see cref="Reset"/> entry says the lists were replaced whole (a new builder, a new generation):
/// a mirror reloads everything. Otherwise it names the products whose lists changed, per kind,
/// and the kinds whose popularity ranking changed, for a mirror to fetch just those.</summary>
internal sealed record ChangeEntry(long Version, long Generation, bool Reset, IReadOnlyList<string> Bought, IReadOnlyList<string> Viewed, IReadOnlyList<ListKind> Popular)
{
    public RedisValue Id => $"{Version}-0";

    public IReadOnlyList<string> Skus(ListKind kind) => kind == ListKind.Bought ? Bought : Viewed;

    public NameValueEntry[] Fields() =>
    [
        new("version", Version),
        new("generation", Generation),
        new("kind", Reset ? "reset" : "changes"),
        new("bought", ListFormat.Write(Bought)),
        new("viewed", ListFormat.Write(Viewed)),
        new("popular", string.Join(',', Popular.Select(RedisLists.Name))),
    ];

    public static ChangeEntry Read(StreamEntry entry) => new(
        (long)entry["version"],
        (long)entry["generation"],
        entry["kind"] == "reset",
        ListFormat.Skus(entry["bought"]),
        ListFormat.Skus(entry["viewed"]),
        [.. ((string?)entry["popular"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(name => name == "bought" ? ListKind.Bought : ListKind.Viewed)]);
}
