using System.Text.Json;

namespace Bazaar.Platform.Governance.Policy;

/// <summary>Checks the content of a policy file. Every problem names its line, so the operator knows
/// what to fix; a file with any problem yields no policy at all (never half of one).</summary>
internal static class PolicyLoader
{
    public static PolicyLoadResult Parse(byte[] json, string file, IReadOnlySet<string>? knownRoutes)
    {
        TrafficPolicy? policy;
        try
        {
            policy = JsonSerializer.Deserialize(json, PolicyJson.Default.TrafficPolicy);
        }
        catch (JsonException exception)
        {
            var line = exception.LineNumber is { } zeroBased ? zeroBased + 1 : 1;
            return PolicyLoadResult.Failed($"{file}:{line}: {FirstSentence(exception.Message)}");
        }
        if (policy is null)
        {
            return PolicyLoadResult.Failed($"{file}:1: the policy is null; write an object, {{}} for the defaults");
        }

        var problems = PolicyValidator.Validate(policy, knownRoutes);
        if (problems.Count == 0)
        {
            return new PolicyLoadResult(policy, []);
        }
        var lines = JsonLineMap.Of(json);
        return new PolicyLoadResult(null, [.. problems
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

/// <summary>A policy, or the problems (each "file:line: path: message") that refused it.</summary>
internal sealed record PolicyLoadResult(TrafficPolicy? Policy, IReadOnlyList<string> Problems)
{
    public static PolicyLoadResult Failed(string problem) => new(null, [problem]);
}
