using System.Globalization;

namespace Bazaar.EndToEnd.Tests;

/// <summary>Reads samples out of a /metrics page (Prometheus text format).</summary>
internal static class PrometheusText
{
    /// <summary>The sum of the samples of <paramref name="name"/> for one HTTP route, optionally only
    /// those carrying <paramref name="label"/> (e.g. <c>le="1"</c>). Labels can hold braces
    /// themselves (<c>http_route="/api/x/{sku}"</c>): the value is what follows the last space.</summary>
    public static long Sum(string metrics, string name, string route, string? label = null) => metrics
        .Split('\n')
        .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) && line.Contains($"http_route=\"{route}\"", StringComparison.Ordinal)
            && (label is null || line.Contains(label, StringComparison.Ordinal)))
        .Sum(line => long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
}
