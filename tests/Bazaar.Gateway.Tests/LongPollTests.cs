using System.Net;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Gateway.Tests;

/// <summary>Order tracking long-polls may sit silent for longer than an ordinary call is allowed to.</summary>
public sealed class LongPollTests(LongPollTests.ShortTimeoutGateway gateway) : IClassFixture<LongPollTests.ShortTimeoutGateway>
{
    /// <summary>Ordinary order calls give up after 1 s here; the tracking route keeps its own 40 s.</summary>
    public sealed class ShortTimeoutGateway : GatewayFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
            base.Settings().Append(new("ReverseProxy:Clusters:order-service:HttpRequest:ActivityTimeout", "00:00:01"));
    }

    [Fact]
    public async Task A_tracking_long_poll_outlasts_the_ordinary_timeout()
    {
        var client = gateway.ClientFor(Guid.NewGuid());
        gateway.Upstreams.Delay = TimeSpan.FromSeconds(3);
        try
        {
            var tracking = await client.GetAsync("/api/orders/0192a1b2-0000-7000-8000-000000000000/tracking?wait=25", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, tracking.StatusCode);

            var ordinary = await client.GetAsync("/api/orders/0192a1b2-0000-7000-8000-000000000000", TestContext.Current.CancellationToken);
            await ordinary.AssertProblemAsync(HttpStatusCode.GatewayTimeout, "upstream-timeout");
        }
        finally
        {
            gateway.Upstreams.Delay = TimeSpan.Zero;
        }
    }
}
