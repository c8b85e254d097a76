using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Bazaar.Messaging.Outbox;

/// <summary>Settings of the outbox relay (section <c>Messaging:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>Rows published per round.</summary>
    [Range(1, 10_000)] public int BatchSize { get; set; } = 100;

    /// <summary>How long the relay sleeps when there was nothing to publish.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The wait after the first failed publish of a row; it doubles per failure.</summary>
    public TimeSpan RetryInitial { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts of a row.</summary>
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed publishes after which a row is parked: kept, logged as an error, listed by
    /// <c>GET /internal/messaging/outbox/parked</c> and no longer tried until an operator re-arms
    /// it. The later rows of its subject wait for it (per-subject order); other subjects flow. The
    /// default (about an hour of attempts with the default back-off) also rides out a transport
    /// outage; rows parked by a longer one are re-armed the same way.</summary>
    [Range(1, 10_000)] public int MaxAttempts { get; set; } = 20;
}

[OptionsValidator]
internal sealed partial class OutboxOptionsValidator : IValidateOptions<OutboxOptions>;
