using System.Diagnostics;
using System.Text.Json;
using Bazaar.Platform.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bazaar.Platform.Tests;

public sealed class JsonLineFormatterTests
{
    private static JsonElement Format(LogLevel level, string message, Exception? exception = null)
    {
        var formatter = new JsonLineConsoleFormatter(new ServiceIdentity("cart-service", "cart-service-2"));
        using var writer = new StringWriter();
        formatter.Write(new LogEntry<string>(level, "Bazaar.Carts", default, message, exception, (s, _) => s), null, writer);
        var text = writer.ToString();
        Assert.EndsWith("\n", text);
        Assert.Single(text.TrimEnd('\n').Split('\n'));
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public void An_entry_is_one_json_line_with_service_replica_and_level()
    {
        var entry = Format(LogLevel.Warning, "stock is low\nfor SKU-1");
        Assert.Equal("warn", entry.GetProperty("level").GetString());
        Assert.Equal("cart-service", entry.GetProperty("service").GetString());
        Assert.Equal("cart-service-2", entry.GetProperty("replica").GetString());
        Assert.Equal("stock is low\nfor SKU-1", entry.GetProperty("message").GetString());
        Assert.True(entry.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public void The_current_trace_id_is_included()
    {
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();
        var entry = Format(LogLevel.Information, "hello");
        Assert.Equal(activity.TraceId.ToHexString(), entry.GetProperty("traceId").GetString());
    }

    [Fact]
    public void An_exception_stays_inside_the_one_line()
    {
        var entry = Format(LogLevel.Error, "failed", new InvalidOperationException("broken"));
        Assert.Contains("broken", entry.GetProperty("exception").GetString());
    }
}
