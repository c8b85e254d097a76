using System.Text.Json;
using StackExchange.Redis;

namespace Bazaar.Recommendations.Model.Shared;

/// <summary>How lists, rankings and SKU sets are stored in Redis: compact JSON through the
/// service's source-generated context. Doubles round-trip exactly, so a mirror answers the very
/// scores the builder computed.</summary>
internal static class ListFormat
{
    public static RedisValue Write(IReadOnlyList<Neighbour> list) => JsonSerializer.SerializeToUtf8Bytes(list, RecommendationsJson.Default.IReadOnlyListNeighbour);

    public static RedisValue Write(IReadOnlyList<Seller> popular) => JsonSerializer.SerializeToUtf8Bytes(popular, RecommendationsJson.Default.IReadOnlyListSeller);

    public static RedisValue Write(IReadOnlyList<string> skus) => JsonSerializer.SerializeToUtf8Bytes(skus, RecommendationsJson.Default.IReadOnlyListString);

    /// <summary>A missing field (the list was removed) reads as empty.</summary>
    public static IReadOnlyList<Neighbour> Neighbours(RedisValue value) =>
        value.IsNull ? [] : JsonSerializer.Deserialize((byte[])value!, RecommendationsJson.Default.IReadOnlyListNeighbour) ?? [];

    public static IReadOnlyList<Seller> Popular(RedisValue value) =>
        value.IsNull ? [] : JsonSerializer.Deserialize((byte[])value!, RecommendationsJson.Default.IReadOnlyListSeller) ?? [];

    public static IReadOnlyList<string> Skus(RedisValue value) =>
        value.IsNull ? [] : JsonSerializer.Deserialize((byte[])value!, RecommendationsJson.Default.IReadOnlyListString) ?? [];
}
