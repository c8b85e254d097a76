using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Gateway.Tests;

/// <summary>Under the Host, a service with no ready replica is absent from the endpoints file.</summary>
public sealed class NoReplicaTests(NoReplicaTests.EmptyEndpointsGateway gateway) : IClassFixture<NoReplicaTests.EmptyEndpointsGateway>
{
    public sealed class EmptyEndpointsGateway : ServiceFactory<Program>
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings()
        {
            var file = Path.Combine(DataDirectory, "endpoints.json");
            File.WriteAllText(file, """{"Services": {}}""");
            yield return new("Bazaar:EndpointsFile", file);
        }
    }

    [Fact]
    public async Task A_service_without_ready_replicas_is_a_fast_5xx_problem_not_a_lookup_elsewhere()
    {
        var response = await gateway.CreateClient().GetAsync("/api/products", TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode is 502 or 503, $"got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Routes_health_says_which_clusters_have_nowhere_to_go()
    {
        var response = await gateway.CreateClient().GetAsync("/health/routes", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(0, body.GetProperty("destinations").GetProperty("product-service").GetInt32());
    }
}
