using System.Globalization;
using System.Text.RegularExpressions;

namespace Bazaar.Host.Metrics;

/// <summary>Reads the request counters out of a replica's <c>/metrics</c> page (Prometheus text format).</summary>
internal static partial class PrometheusTextParser
{
    private const string Duration = "http_server_request_duration_seconds";
    private const string Active = "http_server_active_requests";

    public static ReplicaTraffic Parse(string text)
    {
        double inFlight = 0, requests = 0, errors = 0;
        var buckets = new SortedDictionary<double, double>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            if (Value(line) is not { } value)
            {
                continue;
            }
            if (line.StartsWith(Active + "{", StringComparison.Ordinal))
            {
                inFlight += value;
                continue;
            }
            if (!line.StartsWith(Duration, StringComparison.Ordinal) || IsInfrastructure(line))
            {
                continue;
            }
            if (line.StartsWith(Duration + "_count{", StringComparison.Ordinal))
            {
                requests += value;
                if (Label(line, "http_response_status_code") is [ '5', _, _ ])
                {
                    errors += value;
                }
            }
            else if (line.StartsWith(Duration + "_bucket{", StringComparison.Ordinal) && Label(line, "le") is { } le)
            {
                var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
                buckets[bound] = buckets.GetValueOrDefault(bound) + value;
            }
        }
        // The scrape that read this page was itself in flight.
        return new ReplicaTraffic(Math.Max(0, inFlight - 1), requests, errors, [.. buckets.Select(bucket => (bucket.Key, bucket.Value))]);
    }

    /// <summary>A sample's value: the first field after the labels (label values can hold spaces and
    /// braces, e.g. routes), before an optional timestamp.</summary>
    private static double? Value(string line)
    {
        var labelsEnd = line.LastIndexOf('}');
        var rest = (labelsEnd >= 0 ? line[(labelsEnd + 1)..] : line[Math.Max(0, line.IndexOf(' ', StringComparison.Ordinal))..]).Trim();
        var field = rest.Split(' ', 2)[0];
        return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>The Host's own probes and scrapes are not traffic.</summary>
    private static bool IsInfrastructure(string line) =>
        Label(line, "http_route") is { } route && (route.StartsWith("/health", StringComparison.Ordinal) || route.StartsWith("/metrics", StringComparison.Ordinal));

    private static string? Label(string line, string name)
    {
        var match = LabelPattern().Match(line);
        for (; match.Success; match = match.NextMatch())
        {
            if (match.Groups[1].ValueSpan.SequenceEqual(name))
            {
                return match.Groups[2].Value;
            }
        }
        return null;
    }

    [GeneratedRegex("[{,]([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPattern();
}
