namespace Bazaar.Orders.Saga;

/// <summary>A saga row: where an order's checkout (or its undoing) stands.</summary>
internal sealed class SagaState
{
    public Guid OrderId { get; init; }
    public string StepName { get; init; } = nameof(SagaStep.ReserveStock);
    public Guid? PaymentId { get; init; }
    /// <summary>A <see cref="CancelReason"/> once the order was given up.</summary>
    public string? Outcome { get; init; }
    public string? Detail { get; init; }
    public decimal? RefundedAmount { get; init; }
    /// <summary>Unix milliseconds after which an unpaid order is given up.</summary>
    public long DeadlineAt { get; init; }
    public long Attempts { get; init; }
    public long NextAttemptAt { get; init; }
    public string? LastError { get; init; }
    /// <summary>The return being refunded, while the saga works on one (kept once it is Done).</summary>
    public Guid? ReturnId { get; init; }
    /// <summary>Bumped by every decision; a write is applied only to the version it was read at.</summary>
    public long Version { get; init; }

    public SagaStep Step => Enum.Parse<SagaStep>(StepName);

    public DateTimeOffset Deadline => DateTimeOffset.FromUnixTimeMilliseconds(DeadlineAt);

    /// <summary>A copy at <paramref name="step"/>, otherwise unchanged.</summary>
    public SagaState With(SagaStep step, Guid? paymentId = null, string? outcome = null, string? detail = null, decimal? refunded = null) => new()
    {
        OrderId = OrderId,
        StepName = step.ToString(),
        PaymentId = paymentId ?? PaymentId,
        Outcome = outcome ?? Outcome,
        Detail = detail ?? Detail,
        RefundedAmount = refunded ?? RefundedAmount,
        DeadlineAt = DeadlineAt,
        Attempts = Attempts,
        NextAttemptAt = NextAttemptAt,
        LastError = LastError,
        ReturnId = ReturnId,
        Version = Version,
    };
}
