using System.Net;
using Bazaar.Platform.Redis;
using Bazaar.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Xunit;

namespace Bazaar.Platform.Tests;

/// <summary><c>AddBazaarRedis</c>: nothing without the setting; with it, a connection made at
/// start-up and a readiness check that follows the server.</summary>
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

    [Fact]
    public async Task With_the_setting_redis_is_connected_and_readiness_follows_it()
    {
        await using var server = new RedisServer();
        var configured = false;
        await using var app = await TestApp.StartAsync(_ => { }, new Dictionary<string, string?> { [RedisExtensions.Setting] = server.ConnectionString },
            builder => configured = builder.AddBazaarRedis());

        Assert.True(configured);
        var database = app.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        await database.StringSetAsync("platform-test", "answers");
        Assert.Equal("answers", (string?)await database.StringGetAsync("platform-test"));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/ready", Cancellation)).StatusCode);

        server.Stop();

        var deadline = DateTime.UtcNow.AddSeconds(30); // a bound against hanging, not a timing under test
        while ((await app.Client.GetAsync("/health/ready", Cancellation)).StatusCode != HttpStatusCode.ServiceUnavailable)
        {
            Assert.True(DateTime.UtcNow < deadline, "readiness never turned false without Redis");
            await Task.Delay(50, Cancellation);
        }
    }
}
