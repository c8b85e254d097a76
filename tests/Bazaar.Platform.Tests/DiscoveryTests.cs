using Bazaar.Platform.Discovery;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Platform.Tests;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task A_service_with_no_ready_replica_is_a_connection_failure_not_a_bug()
    {
        // Under the Host, the endpoints file lists only ready replicas: here, none of ghost-service.
        var endpoints = Path.Combine(Directory.CreateTempSubdirectory("bazaar-endpoints-").FullName, "endpoints.json");
        await File.WriteAllTextAsync(endpoints, """{ "Services": { "ghost-service": { "http": [] } } }""", TestContext.Current.CancellationToken);
        await using var app = await TestApp.StartAsync(_ => { }, new Dictionary<string, string?> { ["Bazaar:EndpointsFile"] = endpoints });
        var http = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => http.GetAsync("http://ghost-service/anything", TestContext.Current.CancellationToken));

        Assert.True(DownstreamFailure.IsUnavailable(failure, TestContext.Current.CancellationToken), $"{failure.GetType()}: {failure.Message}");
    }
}
