using System.Text.RegularExpressions;

namespace Bazaar.Catalog.Products;

/// <summary>Turns what a shopper typed into an FTS5 query: every word must match the start of a
/// word of the name, description or brand. Only letters and digits reach FTS5, so its query
/// syntax (quotes, operators, column filters) can never be injected.</summary>
internal static partial class SearchText
{
    public const int MaxTerms = 10;

    /// <summary>The prefix terms of <paramref name="text"/>; empty when it has no letter or digit.</summary>
    public static IReadOnlyList<string> Terms(string text) =>
        [.. Word().Matches(text).Select(match => match.Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Take(MaxTerms)];

    /// <summary>The FTS5 expression matching all <paramref name="terms"/>, optionally within one column.</summary>
    public static string Match(IReadOnlyList<string> terms, string? column = null)
    {
        var all = string.Join(" AND ", terms.Select(term => $"\"{term}\"*"));
        return column is null ? all : $"{column} : ({all})";
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
