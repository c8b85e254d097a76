using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Bazaar.Platform.Tests;

public sealed class OpenApiTests
{
    [Fact]
    public async Task The_document_is_titled_by_service_and_leaves_internal_endpoints_out()
    {
        await using var app = await TestApp.StartAsync(a =>
        {
            a.MapGet("/api/things", () => "public");
            a.MapPost("/internal/things/reserve", () => "internal");
        });
        var document = JsonDocument.Parse(await app.Client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal("test-service", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/things", paths);
        Assert.DoesNotContain(paths, path => path.StartsWith("/internal", StringComparison.Ordinal));
    }
}
