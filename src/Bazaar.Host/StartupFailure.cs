using Microsoft.Extensions.Options;

namespace Bazaar.Host;

/// <summary>What an operator must fix before the Host can start ends it with one line on standard
/// error and exit code 1, not a stack trace. Anything else is a bug and keeps its stack trace.</summary>
internal static class StartupFailure
{
    public static async Task<int> ReportAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (Exception exception) when (Describe(exception) is { } line)
        {
            await Console.Error.WriteLineAsync($"Bazaar Host cannot start: {line}");
            return 1;
        }
    }

    internal static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        HostStartupException startup => startup.Message,
        // The configuration binder names the setting it could not convert, e.g. 'Bazaar:Gateway:Port'.
        InvalidOperationException { InnerException: not null } binding when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => binding.Message,
        // Kestrel could not listen on Bazaar:Host:Port.
        IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } listen =>
            $"Bazaar:Host:Port: {listen.Message} Set Bazaar__Host__Port to another port (0 picks a free one).",
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        _ => null,
    };
}
