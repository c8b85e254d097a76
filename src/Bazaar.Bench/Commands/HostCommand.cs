using System.CommandLine;
using System.CommandLine.Parsing;
using Bazaar.Bench.Control;

namespace Bazaar.Bench.Commands;

/// <summary>What every command that talks to the Host shares: <c>--host</c> and <c>--data-dir</c>,
/// and how it ends: a problem is printed as <c>error: &lt;detail&gt;</c> with exit code 1.</summary>
internal sealed class HostCommand(TextWriter error)
{
    private readonly Option<Uri?> _host = new("--host")
    {
        HelpName = "url",
        Description = "The Host API's URL (default: the address in <data-dir>/run/host-api, written by the running Host).",
        CustomParser = result => HostApiAddress.IsHttpUrl(result.Tokens[0].Value, out var uri)
            ? uri
            : Fail<Uri?>(result, "--host must be an absolute http:// URL such as http://127.0.0.1:41234."),
    };

    private readonly Option<string> _dataDir = new("--data-dir")
    {
        HelpName = "dir",
        Description = "The Host's data folder, where run/host-api is found.",
        DefaultValueFactory = _ => ".bazaar",
    };

    /// <summary>Adds the shared options to <paramref name="command"/> and runs <paramref name="action"/> with a client for the Host API.</summary>
    public Command With(Command command, Func<ParseResult, HostApiClient, CancellationToken, Task<int>> action)
    {
        command.Options.Add(_host);
        command.Options.Add(_dataDir);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                using var client = new HostApiClient(HostApiAddress.Locate(parse.GetValue(_host), parse.GetValue(_dataDir)!));
                return await action(parse, client, cancellationToken);
            }
            catch (HostApiException exception)
            {
                await error.WriteLineAsync("error: " + exception.Message);
                return 1;
            }
        });
        return command;
    }

    public static T Fail<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
