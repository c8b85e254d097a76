using Bazaar.Platform.Governance.Calls;
using Bazaar.Platform.Governance.Policy;
using Bazaar.Platform.Governance.Serving;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bazaar.Platform.Tests.Governance;

public sealed class OutlierStateTests
{
    private static readonly OutlierDetectionPolicy Policy = new() { Consecutive5xxErrors = 2, BaseEjectionTime = TimeSpan.FromSeconds(30), Interval = TimeSpan.FromSeconds(10), MaxEjectionPercent = 100 };

    [Fact]
    public void Failures_of_requests_in_flight_when_it_was_ejected_neither_eject_it_again_nor_lengthen_its_time()
    {
        var time = new FakeTimeProvider();
        var upstream = new ServiceUpstream("product-service", time);
        var replica = new Replica(new Uri("http://127.0.0.1:5001"));
        Replica[] replicas = [replica, new Replica(new Uri("http://127.0.0.1:5002"))];

        Assert.False(replica.RecordError(Policy, time));
        Assert.True(replica.RecordError(Policy, time));
        Assert.True(upstream.TryEject(replica, replicas, Policy));
        for (var i = 0; i < 5; i++)
        {
            Assert.False(replica.RecordError(Policy, time) && upstream.TryEject(replica, replicas, Policy));
        }

        Assert.Equal(1, replica.TotalEjections);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(replica.IsEjected(time.GetTimestamp()));
    }

    [Fact]
    public void A_reloaded_policy_keeps_the_concurrency_limit_learned_under_load()
    {
        var time = new FakeTimeProvider();
        var limit = new GradientLimit(time);
        var policy = new ConcurrencyLimitPolicy { InitialLimit = 10, MinLimit = 2, MaxLimit = 100 };
        // Steady latency with the limit in use: it grows.
        for (var window = 0; window < 20; window++)
        {
            var started = new List<long>();
            for (var i = 0; i < 10; i++)
            {
                Assert.True(limit.TryAcquire(policy, out var at));
                started.Add(at);
            }
            time.Advance(TimeSpan.FromMilliseconds(101));
            started.ForEach(limit.Release);
        }
        var learned = limit.Limit;
        Assert.True(learned > 10, $"the limit stayed at {learned}");

        limit.TryAcquire(policy with { MaxLimit = 200 }, out var afterReload);
        limit.Release(afterReload);

        Assert.True(limit.Limit >= learned, $"the limit fell from {learned} to {limit.Limit} on a reload");
    }

    [Fact]
    public void Requests_beyond_the_limit_are_refused_at_once()
    {
        var limit = new GradientLimit(new FakeTimeProvider());
        var policy = new ConcurrencyLimitPolicy { InitialLimit = 3, MinLimit = 1, MaxLimit = 10 };

        var admitted = Enumerable.Range(0, 5).Count(_ => limit.TryAcquire(policy, out long _));

        Assert.Equal(3, admitted);
        Assert.Equal(2, limit.Rejected);
    }
}
