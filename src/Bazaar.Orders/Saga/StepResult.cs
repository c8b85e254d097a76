using System.Data.Common;
using Bazaar.Orders.Domain;

namespace Bazaar.Orders.Saga;

/// <summary>What running one saga step decided.</summary>
internal abstract record StepResult
{
    /// <summary>Move to <paramref name="Next"/>, changing the order with <paramref name="Transition"/>
    /// and writing <paramref name="AlsoWrite"/> (a shipment, an event) in the same transaction.</summary>
    public sealed record Advance(
        SagaState Next, Action<Order>? Transition = null, Func<DbConnection, DbTransaction, CancellationToken, Task>? AlsoWrite = null) : StepResult;

    /// <summary>The step failed for now (a service did not answer): try again after a back-off.</summary>
    public sealed record Retry(string Reason) : StepResult;

    /// <summary>Nothing to do before <paramref name="Until"/> (waiting for a payment).</summary>
    public sealed record Wait(DateTimeOffset Until, string Reason) : StepResult;
}
