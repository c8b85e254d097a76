using Xunit;

namespace Bazaar.EndToEnd.Tests;

/// <summary>Waits for what other services do after hearing an event (a cart emptied, a purchase
/// counted): polled until it holds, within a generous bound that is not a timing under test.</summary>
internal static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> read, Func<T, bool> holds, string what, CancellationToken ct, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await read();
            if (holds(value)) return value;
            Assert.True(DateTime.UtcNow < deadline, $"{what} never happened; last seen: {value}");
            await Task.Delay(100, ct);
        }
    }
}
