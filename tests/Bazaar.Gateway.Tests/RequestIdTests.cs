using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Bazaar.Gateway.Tests;

public sealed class RequestIdTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    private async Task<(string? Returned, string? Forwarded, JsonElement Headers)> SendAsync(string? requestId, string? traceparent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/products");
        if (requestId is not null) request.Headers.TryAddWithoutValidation("X-Request-Id", requestId);
        if (traceparent is not null) request.Headers.TryAddWithoutValidation("traceparent", traceparent);
        var response = await gateway.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        var echo = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var headers = echo.GetProperty("headers");
        return (response.Headers.GetValues("X-Request-Id").Single(), headers.GetProperty("x-request-id").GetString(), headers);
    }

    [Fact]
    public async Task A_request_without_an_id_gets_one_that_reaches_the_service_and_the_client()
    {
        var (returned, forwarded, _) = await SendAsync(null);
        Assert.False(string.IsNullOrEmpty(returned));
        Assert.Equal(returned, forwarded);
    }

    [Fact]
    public async Task A_sane_client_id_is_kept()
    {
        var (returned, forwarded, _) = await SendAsync("order-page-42");
        Assert.Equal("order-page-42", returned);
        Assert.Equal("order-page-42", forwarded);
    }

    [Theory]
    [InlineData("has spaces in it")]
    [InlineData("ünïcode")]
    public async Task An_unfit_client_id_is_replaced(string unfit)
    {
        var (returned, forwarded, _) = await SendAsync(unfit);
        Assert.NotEqual(unfit, returned);
        Assert.Equal(returned, forwarded);
    }

    [Fact]
    public async Task An_overlong_client_id_is_replaced()
    {
        var (returned, _, _) = await SendAsync(new string('a', 500));
        Assert.True(returned!.Length <= 128);
    }

    [Fact]
    public async Task A_request_without_a_trace_starts_one_that_reaches_the_service()
    {
        var (_, _, headers) = await SendAsync(null);

        // Spans are not recorded without an exporter, but the trace still propagates.
        var parts = headers.GetProperty("traceparent").GetString()!.Split('-');
        Assert.Equal(4, parts.Length);
        Assert.Matches("^[0-9a-f]{32}$", parts[1]);
        Assert.NotEqual(new string('0', 32), parts[1]);
    }

    [Fact]
    public async Task The_callers_trace_continues_into_the_service()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var (_, _, headers) = await SendAsync(null, $"00-{traceId}-00f067aa0ba902b7-01");
        var forwarded = headers.GetProperty("traceparent").GetString()!;
        Assert.Equal(traceId, forwarded.Split('-')[1]);
        Assert.NotEqual("00f067aa0ba902b7", forwarded.Split('-')[2]); // the gateway's own span is the parent
    }
}
