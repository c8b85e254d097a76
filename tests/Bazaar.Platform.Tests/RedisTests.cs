using System.Net;
using Bazaar.Platform.Redis;
using Bazaar.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Xunit;

namespace Bazaar.Platform.Tests;

/// <summary><c>AddBazaarRedis</c>: nothing without the setting; with it, a connection made at
/// start-up and a readiness check that follows the server: unready without it when the service
/// needs Redis to answer, ready but degraded when it does not.</summary>
public sealed class RedisTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_the_setting_nothing_is_registered_and_the_embedded_default_stays()
    {
        var configured = true;
        await using var app = await TestApp.StartAsync(_ => { }, configure: builder => configured = builder.AddBazaarRedis());

        Assert.False(configured);
        Assert.Null(app.Services.GetService<IConnectionMultiplexer>());
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/ready", Cancellation)).StatusCode);
    }

    [Theory]
    [InlineData(true, HttpStatusCode.ServiceUnavailable, "Unhealthy")] // the service cannot answer without Redis: unready
    [InlineData(false, HttpStatusCode.OK, "Degraded")] // it answers without Redis (from memory): ready, and says Redis is gone
    public async Task With_the_setting_redis_is_connected_and_readiness_follows_it(bool requiredToServe, HttpStatusCode withoutRedis, string status)
    {
        await using var server = new RedisServer();
        var configured = false;
        await using var app = await TestApp.StartAsync(_ => { }, new Dictionary<string, string?> { [RedisExtensions.Setting] = server.ConnectionString },
            builder => configured = builder.AddBazaarRedis(requiredToServe));

        Assert.True(configured);
        var database = app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        await database.StringSetAsync("platform-test", "answers");
        Assert.Equal("answers", (string?)await database.StringGetAsync("platform-test"));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ReadinessAsync(app));

        server.Stop();

        var deadline = DateTime.UtcNow.AddSeconds(30); // a bound against hanging, not a timing under test
        while (await ReadinessAsync(app) != (withoutRedis, status))
        {
            Assert.True(DateTime.UtcNow < deadline, $"readiness never turned {status} without Redis");
            await Task.Delay(50, Cancellation);
        }
    }

    private static async Task<(HttpStatusCode, string)> ReadinessAsync(TestApp app)
    {
        using var response = await app.Client.GetAsync("/health/ready", Cancellation);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancellation));
    }
}
