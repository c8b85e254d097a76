using Xunit;

namespace Bazaar.Host.Tests.Support;

/// <summary>Waits for an outcome with a generous deadline; the deadline is a safety net, never the
/// thing under test.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, string what) where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Deadline);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            try
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Gave up waiting until {what}.");
            }
        }
    }

    public static Task<T> ReturnsAsync<T>(Func<T?> probe, string what) where T : class =>
        ReturnsAsync(() => Task.FromResult(probe()), what);

    public static Task HoldsAsync(Func<bool> condition, string what) =>
        ReturnsAsync(() => condition() ? "yes" : null, what);
}
