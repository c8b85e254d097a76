using Microsoft.Extensions.Logging.Console;

namespace Bazaar.Platform.Logging;

internal static class LoggingExtensions
{
    public static void AddJsonLineLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.FormatterName = JsonLineConsoleFormatter.FormatterName);
        builder.Logging.AddConsoleFormatter<JsonLineConsoleFormatter, ConsoleFormatterOptions>();
        // Data protection is pulled in by authentication but unused (no cookies); its key notices are noise.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
    }
}
