using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace Bazaar.Platform.Logging;

internal static class LoggingExtensions
{
    public static void AddJsonLineLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.FormatterName = JsonLineConsoleFormatter.FormatterName);
        // Registered directly rather than with AddConsoleFormatter, which binds formatter options
        // from configuration by reflection (not trimming-safe); this formatter has no options.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter, JsonLineConsoleFormatter>());
        // Data protection is pulled in by authentication but unused (no cookies); its key notices are noise.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
    }
}
