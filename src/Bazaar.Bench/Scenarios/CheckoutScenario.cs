using Bazaar.Bench.Recording;
using Bazaar.Bench.Schedule;

namespace Bazaar.Bench.Scenarios;

/// <summary><c>checkout</c>: orders placed and paid; the achieved rate of <c>checkout</c> is orders/s that reached Paid.</summary>
internal sealed class CheckoutScenario(BenchHttp http, IReadOnlyList<BenchUser> users, IReadOnlyList<string> skus) : IScenario
{
    private readonly CheckoutFlow _flow = new(http, users, skus, checkoutType: 0, refillType: 1);

    public IReadOnlyList<string> RequestTypes { get; } = ["checkout", "refill-cart"];

    public ValueTask<RequestResult> SendAsync(long index, RunRecording recording, CancellationToken cancellationToken) =>
        _flow.CheckoutAsync(recording, cancellationToken);
}
