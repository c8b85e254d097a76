using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Bazaar.Host.Logging;

/// <summary>Short human lines for a terminal: <c>14:02:11  product-service-0 ready (pid 4242)</c>.
/// The replicas' own logs go to files; this is only the Host's story. Lines from frameworks are
/// prefixed with their category so their origin is clear.</summary>
internal sealed class HostConsoleFormatter(TimeProvider time) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "bazaar-host";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }
        textWriter.Write(time.GetLocalNow().ToString("HH:mm:ss  ", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(logEntry.LogLevel switch
        {
            LogLevel.Warning => "warning: ",
            LogLevel.Error or LogLevel.Critical => "error: ",
            _ => "",
        });
        if (!logEntry.Category.StartsWith("Bazaar.Host", StringComparison.Ordinal))
        {
            textWriter.Write(logEntry.Category);
            textWriter.Write(": ");
        }
        textWriter.WriteLine(message);
        if (logEntry.Exception is not null)
        {
            textWriter.WriteLine(logEntry.Exception.ToString());
        }
    }
}
