using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Bazaar.Platform.Governance.Policy;

/// <summary>Checks the content of a policy file (and of the Host's traffic splits). Every problem names
/// its line, so the operator knows what to fix; a file with any problem yields no value at all (never
/// half of one).</summary>
internal static class PolicyLoader
{
    public static LoadResult<TrafficPolicy> Parse(byte[] json, string file, IReadOnlySet<string>? knownRoutes) =>
        Parse(json, file, PolicyJson.Default.TrafficPolicy, policy => PolicyValidator.Validate(policy, knownRoutes));

    public static LoadResult<T> Parse<T>(byte[] json, string file, JsonTypeInfo<T> type, Func<T, IEnumerable<(string Path, string Message)>> validate)
        where T : class
    {
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException exception)
        {
            var line = exception.LineNumber is { } zeroBased ? zeroBased + 1 : 1;
            return LoadResult<T>.Failed($"{file}:{line}: {FirstSentence(exception.Message)}");
        }
        if (value is null)
        {
            return LoadResult<T>.Failed($"{file}:1: the file holds null; write an object, at least {{}}");
        }

        var problems = validate(value).ToList();
        if (problems.Count == 0)
        {
            return new LoadResult<T>(value, []);
        }
        var lines = JsonLineMap.Of(json);
        return new LoadResult<T>(null, [.. problems
            .Select(problem => (Line: lines.LineOf(problem.Path), problem.Path, problem.Message))
            .OrderBy(problem => problem.Line)
            .Select(problem => $"{file}:{problem.Line}: {problem.Path}: {problem.Message}")]);
    }

    // System.Text.Json appends "Path: $.x | LineNumber: 3 | BytePositionInLine: 9." to its messages;
    // the line is already in front, and its path syntax is not the one operators write.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

/// <summary>A file's value, or the problems (each "file:line: path: message") that refused it.</summary>
internal sealed record LoadResult<T>(T? Value, IReadOnlyList<string> Problems)
    where T : class
{
    public static LoadResult<T> Failed(string problem) => new(null, [problem]);
}
