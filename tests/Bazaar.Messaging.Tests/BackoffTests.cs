namespace Bazaar.Messaging.Tests;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 10)]
    [InlineData(1_000, 10)]
    public void Doubles_per_attempt_up_to_the_cap(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Delay(attempt, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)));

    [Fact]
    public void A_zero_initial_delay_never_waits() =>
        Assert.Equal(TimeSpan.Zero, Backoff.Delay(7, TimeSpan.Zero, TimeSpan.FromSeconds(10)));
}
