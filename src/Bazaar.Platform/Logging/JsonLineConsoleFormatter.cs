using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Bazaar.Platform.Logging;

/// <summary>Writes each log entry as one JSON object on one line: timestamp, level, service,
/// replica, trace and span ids, category, message, and the exception if any.</summary>
/// <remarks>The built-in JSON formatter nests the trace id inside scopes and has no service or
/// replica; log shippers want them as top-level fields.</remarks>
internal sealed class JsonLineConsoleFormatter(ServiceIdentity identity) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "bazaar-json";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null) return;

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow);
            json.WriteString("level", LevelName(logEntry.LogLevel));
            json.WriteString("service", identity.Service);
            json.WriteString("replica", identity.Replica);
            var activity = Activity.Current;
            if (activity is not null)
            {
                json.WriteString("traceId", activity.TraceId.ToHexString());
                json.WriteString("spanId", activity.SpanId.ToHexString());
            }
            json.WriteString("category", logEntry.Category);
            json.WriteString("message", message);
            if (logEntry.Exception is { } exception)
            {
                json.WriteString("exception", exception.ToString());
            }
            json.WriteEndObject();
        }
        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write('\n');
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        LogLevel.Critical => "fatal",
        _ => "none",
    };
}
