using Bazaar.Host.Configuration;
using Bazaar.Host.Supervision;
using Xunit;

namespace Bazaar.Host.Tests;

public sealed class RestartBackOffTests
{
    private static readonly BackOffOptions Defaults = new();

    [Fact]
    public void Delays_double_from_one_second_up_to_thirty()
    {
        var backOff = new RestartBackOff(Defaults);

        var delays = Enumerable.Range(0, 8).Select(_ => backOff.Next(readyFor: TimeSpan.Zero).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
    }

    [Fact]
    public void Sixty_seconds_of_ready_running_starts_over()
    {
        var backOff = new RestartBackOff(Defaults);
        for (var i = 0; i < 5; i++)
        {
            backOff.Next(TimeSpan.Zero);
        }

        Assert.Equal(TimeSpan.FromSeconds(1), backOff.Next(readyFor: TimeSpan.FromSeconds(60)));
        Assert.Equal(TimeSpan.FromSeconds(2), backOff.Next(readyFor: TimeSpan.Zero));
    }

    [Fact]
    public void Shorter_ready_running_keeps_backing_off()
    {
        var backOff = new RestartBackOff(Defaults);
        backOff.Next(TimeSpan.Zero);
        backOff.Next(TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(4), backOff.Next(readyFor: TimeSpan.FromSeconds(59)));
    }

    [Fact]
    public void Follows_configured_values()
    {
        var backOff = new RestartBackOff(new BackOffOptions { InitialSeconds = 10, MaxSeconds = 300, ResetAfterSeconds = 600 });

        var delays = Enumerable.Range(0, 7).Select(_ => backOff.Next(TimeSpan.FromSeconds(599)).TotalSeconds);

        Assert.Equal([10, 20, 40, 80, 160, 300, 300], delays);
    }

    [Fact]
    public void Never_overflows_however_long_the_crash_loop()
    {
        var backOff = new RestartBackOff(Defaults);

        var last = TimeSpan.Zero;
        for (var restart = 0; restart < 10_000; restart++)
        {
            last = backOff.Next(TimeSpan.Zero);
        }

        Assert.Equal(TimeSpan.FromSeconds(30), last);
    }
}
