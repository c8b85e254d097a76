using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Bazaar.Gateway.Tests;

public sealed class ApiReferenceTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Theory]
    [InlineData("user-service")]
    [InlineData("product-service")]
    [InlineData("order-service")]
    public async Task Each_services_own_document_is_served_through_the_gateway(string service)
    {
        var echo = await gateway.CreateClient().GetFromJsonAsync<JsonElement>($"/openapi/{service}.json", TestContext.Current.CancellationToken);
        Assert.Equal(service, echo.GetProperty("service").GetString());
        Assert.Equal("/openapi/v1.json", echo.GetProperty("path").GetString());
    }

    [Fact]
    public async Task The_reference_page_lists_every_service()
    {
        var response = await gateway.CreateClient().GetAsync("/docs", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Bazaar API", html);
        foreach (var service in FakeUpstreams.Services)
        {
            // Relative to the page's base path, which Scalar works out in the browser.
            Assert.Contains($"\"url\":\"openapi/{service}.json\"", html);
        }
    }
}
