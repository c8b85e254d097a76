using System.Diagnostics;
using System.Net;
using Bazaar.Bench.Recording;
using Bazaar.Bench.Schedule;

namespace Bazaar.Bench.Scenarios;

/// <summary>Orders placed and paid. Each user has one order at a time: a user whose cart was filled
/// waits in a pool; a checkout takes one (waiting if none is free, which counts in the latency,
/// since it is measured from the intended time), places the order (201 and status Paid, or an
/// error), then refills that user's cart and returns them to the pool. The refill is recorded as its
/// own request type, timed from when it was sent (it is not on the schedule).</summary>
internal sealed class CheckoutFlow
{
    private readonly BenchHttp _http;
    private readonly Uri _orders;
    private readonly Queue<BenchUser> _ready;
    private readonly SemaphoreSlim _available;
    private readonly int _checkoutType;
    private readonly int _refillType;
    private readonly IReadOnlyList<string> _skus;
    private long _nextSku;

    /// <param name="skus">In-stock SKUs the refills rotate through, so orders spread their stock use over the catalog.</param>
    public CheckoutFlow(BenchHttp http, IReadOnlyList<BenchUser> users, IReadOnlyList<string> skus, int checkoutType, int refillType)
    {
        _skus = skus;
        _http = http;
        _orders = http.Url("/api/orders");
        _ready = new Queue<BenchUser>(users);
        _available = new SemaphoreSlim(users.Count, users.Count);
        _checkoutType = checkoutType;
        _refillType = refillType;
    }

    public async ValueTask<RequestResult> CheckoutAsync(RunRecording recording, CancellationToken cancellationToken)
    {
        await _available.WaitAsync(cancellationToken);
        BenchUser user;
        lock (_ready) user = _ready.Dequeue();
        var returned = false;
        try
        {
            var result = await _http.SendAsync(_checkoutType, Requests.PlaceOrder(_orders, user), HttpStatusCode.Created, Requests.ReachedPaid, cancellationToken);
            // A paid order empties the cart; an order that failed may have left it full, and setting
            // the quantity again is harmless either way.
            _ = RefillAsync(user, recording, cancellationToken);
            returned = true;
            return result;
        }
        finally
        {
            if (!returned) Return(user);
        }
    }

    private async Task RefillAsync(BenchUser user, RunRecording recording, CancellationToken cancellationToken)
    {
        recording.FollowUpStarted();
        try
        {
            var started = Stopwatch.GetTimestamp();
            var result = await _http.SendAsync(_refillType, Requests.SetCartQuantity(_http, user, _skus[(int)(Interlocked.Increment(ref _nextSku) % _skus.Count)]), HttpStatusCode.OK, cancellationToken);
            recording.Record(result, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        }
        finally
        {
            Return(user);
            recording.FollowUpEnded();
        }
    }

    private void Return(BenchUser user)
    {
        lock (_ready) _ready.Enqueue(user);
        _available.Release();
    }
}
