using System.CommandLine;
using System.CommandLine.Parsing;
using Bazaar.Bench.Control;

namespace Bazaar.Bench.Commands;

/// <summary><c>bazaar rollout &lt;deployment&gt; [--version v2] [--canary | --rolling] [--env NAME=VALUE ...] [--binaries-dir DIR] [--wait]</c>.</summary>
internal static class RolloutCommand
{
    /// <summary>The exit code of <c>--wait</c> when the rollout ended rolled back.</summary>
    public const int RolledBack = 2;

    public static Command Create(HostCommand host, TimeProvider clock, TextWriter output)
    {
        var deployment = ControlCommands.Deployment();
        var version = new Option<string?>("--version") { HelpName = "label", Description = "The new revision's version label (a canary needs one of its own); default: the current one." };
        var canary = new Option<bool>("--canary") { Description = "Roll out as a canary: traffic steps with analysis between them." };
        var rolling = new Option<bool>("--rolling") { Description = "Roll out as a rolling update: replicas replaced a few at a time." };
        var environment = new Option<Dictionary<string, string>?>("--env")
        {
            HelpName = "NAME=VALUE",
            Description = "NAME=VALUE set on the new revision on top of the current one's; NAME= removes it. Repeatable.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = Variables,
        };
        var binariesDir = new Option<string?>("--binaries-dir") { HelpName = "dir", Description = "A published layout holding the new build (<dir>/<Project>/<Project>.dll)." };
        var wait = new Option<bool>("--wait") { Description = "Follow the rollout until it ends: exit code 0 when it completed, 2 when it was rolled back." };

        var command = new Command("rollout", "Rolls a deployment out to a new revision (by default with its configured strategy).")
        {
            deployment, version, canary, rolling, environment, binariesDir, wait,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(canary) && result.GetValue(rolling)) result.AddError("--canary and --rolling exclude each other.");
        });
        return host.With(command, async (parse, client, cancellationToken) =>
        {
            var strategy = parse.GetValue(canary) ? "Canary" : parse.GetValue(rolling) ? "RollingUpdate" : null;
            // The Host resolves a relative folder against its own working directory, not this one's.
            var binaries = parse.GetValue(binariesDir) is { } folder ? Path.GetFullPath(folder) : null;
            var request = new RolloutRequest(parse.GetValue(version), parse.GetValue(environment), binaries, strategy);
            var started = await client.RolloutAsync(parse.GetValue(deployment)!, request, cancellationToken);
            await output.WriteLineAsync(StatusPrinter.Started(started));
            if (!parse.GetValue(wait))
            {
                return 0;
            }
            var ended = await new RolloutWatcher(client, clock, output).WaitAsync(started, cancellationToken);
            return ended.Phase == RolloutView.Completed ? 0 : RolledBack;
        });
    }

    private static Dictionary<string, string>? Variables(ArgumentResult result)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in result.Tokens)
        {
            var separator = token.Value.IndexOf('=', StringComparison.Ordinal);
            if (separator < 1)
            {
                return HostCommand.Fail<Dictionary<string, string>?>(result, $"--env takes NAME=VALUE (got '{token.Value}').");
            }
            variables[token.Value[..separator]] = token.Value[(separator + 1)..];
        }
        return variables;
    }
}
