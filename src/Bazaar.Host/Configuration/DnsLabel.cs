using System.Text.RegularExpressions;

namespace Bazaar.Host.Configuration;

/// <summary>Service names and version labels become discovery names (<c>v2.product-service</c>),
/// so they must be DNS labels: lower-case letters, digits and '-', at most 63 characters.</summary>
internal static partial class DnsLabel
{
    public static bool IsValid(string value) => Pattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Pattern();
}
