using Bazaar.Bench.Recording;
using Bazaar.Bench.Schedule;

namespace Bazaar.Bench.Scenarios;

/// <summary>A prepared scenario: everything it needs (users, tokens, carts, ids) was made before
/// the clock started; <see cref="SendAsync"/> only sends.</summary>
internal interface IScenario
{
    /// <summary>The kinds of request it sends; <see cref="RequestResult.Type"/> indexes this list.</summary>
    IReadOnlyList<string> RequestTypes { get; }

    /// <summary>Sends the scheduled request number <paramref name="index"/>. A scenario that must
    /// follow up (refill a cart after an order) records the follow-up itself in <paramref name="recording"/>.</summary>
    ValueTask<RequestResult> SendAsync(long index, RunRecording recording, CancellationToken cancellationToken);
}
