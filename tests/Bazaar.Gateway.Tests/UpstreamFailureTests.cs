using System.Net;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Gateway.Tests;

public sealed class UpstreamFailureTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task A_service_nobody_answers_for_is_a_502_problem_naming_it()
    {
        var response = await gateway.ClientFor(Guid.NewGuid()).GetAsync("/api/payments", TestContext.Current.CancellationToken);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadGateway, "upstream-unreachable");
        Assert.Contains("payment-service", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_service_that_answers_too_late_is_a_504_problem()
    {
        gateway.Upstreams.Delay = TimeSpan.FromSeconds(10);
        try
        {
            var response = await gateway.CreateClient().GetAsync("/api/recommendations/products/SKU-1", TestContext.Current.CancellationToken);
            var problem = await response.AssertProblemAsync(HttpStatusCode.GatewayTimeout, "upstream-timeout");
            Assert.Contains("recommendation-service", problem.GetProperty("detail").GetString());
        }
        finally
        {
            gateway.Upstreams.Delay = TimeSpan.Zero;
        }
    }
}
