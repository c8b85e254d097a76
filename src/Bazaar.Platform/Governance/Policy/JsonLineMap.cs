using System.Text;
using System.Text.Json;

namespace Bazaar.Platform.Governance.Policy;

/// <summary>The line of every value in a JSON document, by path (<c>services.product-service.routes[0].route[1].weight</c>),
/// so that a rule broken by a value can name the line the operator has to fix.</summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public static JsonLineMap Of(ReadOnlySpan<byte> json)
    {
        var map = new JsonLineMap();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<string>();
        var arrayIndexes = new Stack<int>();
        var lineStarts = LineStarts(json);
        string? pendingProperty = null;

        while (reader.Read())
        {
            var line = LineOf(lineStarts, reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingProperty = reader.GetString();
                    map._lines.TryAdd(Join(path, pendingProperty), line);
                    continue;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    path.Add(NextSegment(ref pendingProperty, arrayIndexes));
                    map._lines.TryAdd(Join(path), line);
                    arrayIndexes.Push(reader.TokenType == JsonTokenType.StartArray ? 0 : -1);
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    arrayIndexes.Pop();
                    path.RemoveAt(path.Count - 1);
                    continue;
                default:
                    var segment = NextSegment(ref pendingProperty, arrayIndexes);
                    if (segment.Length > 0)
                    {
                        path.Add(segment);
                        map._lines.TryAdd(Join(path), line);
                        path.RemoveAt(path.Count - 1);
                    }
                    continue;
            }
        }
        return map;
    }

    /// <summary>The line of the value at <paramref name="path"/>, or of its nearest enclosing value.</summary>
    public int LineOf(string path)
    {
        for (var candidate = path; ; candidate = Parent(candidate))
        {
            if (_lines.TryGetValue(candidate, out var line))
            {
                return line;
            }
            if (candidate.Length == 0)
            {
                return 1;
            }
        }
    }

    private static string NextSegment(ref string? pendingProperty, Stack<int> arrayIndexes)
    {
        if (pendingProperty is not null)
        {
            var name = pendingProperty;
            pendingProperty = null;
            return name;
        }
        if (arrayIndexes.Count > 0 && arrayIndexes.Peek() >= 0)
        {
            var index = arrayIndexes.Pop();
            arrayIndexes.Push(index + 1);
            return $"[{index}]";
        }
        return "";
    }

    private static string Join(List<string> path, string? last = null)
    {
        var builder = new StringBuilder();
        foreach (var segment in last is null ? path : [.. path, last])
        {
            if (builder.Length > 0 && !segment.StartsWith('['))
            {
                builder.Append('.');
            }
            builder.Append(segment);
        }
        return builder.ToString();
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    private static List<long> LineStarts(ReadOnlySpan<byte> json)
    {
        var starts = new List<long> { 0 };
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }
        return starts;
    }

    private static int LineOf(List<long> lineStarts, long offset)
    {
        var index = lineStarts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
