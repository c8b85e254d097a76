namespace Bazaar.Messaging.Outbox;

/// <summary>Settings of the outbox relay (section <c>Messaging:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>Rows published per round.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long the relay sleeps when there was nothing to publish.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The wait after the first failed publish; it doubles per failure.</summary>
    public TimeSpan RetryInitial { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts. A row is retried for ever, never abandoned.</summary>
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(5);
}
