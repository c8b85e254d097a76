using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Bazaar.Messaging.Inbox;

/// <summary>How one consumer group of a service reads one stream.</summary>
public sealed class ConsumerOptions
{
    /// <summary>The stream read, e.g. <c>orders</c>.</summary>
    [Required] public string Stream { get; set; } = "";

    /// <summary>The consumer group, usually the service name: every group gets every event.</summary>
    [Required] public string Group { get; set; } = "";

    /// <summary>This replica's name within the group.</summary>
    [Required] public string Consumer { get; set; } = "";

    /// <summary>Events fetched per round.</summary>
    [Range(1, 10_000)] public int BatchSize { get; set; } = 100;

    /// <summary>Handler attempts before the event goes to the dead letters. One attempt per
    /// round: a failure ends the round without committing, and a later round (after the back-off)
    /// makes the next attempt, so retrying never holds a batch past the transport's lease.</summary>
    [Range(1, 1_000)] public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after the first failed attempt; it doubles per failure.</summary>
    public TimeSpan RetryInitial { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts. It may exceed the transport's lease: while
    /// an event waits, the runner keeps polling (every <see cref="PollInterval"/>), and each fetch
    /// renews the lease without handling anything, so the group's later events wait with it.</summary>
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the runner works through one fetched batch before fetching again (which
    /// renews its hold on the stream). Keep it, plus one handler call, well under the transport's
    /// lease (<see cref="Transport.SqliteTransportOptions.LeaseDuration"/>).</summary>
    public TimeSpan MaxBatchTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the runner sleeps when a round processed nothing (nothing to fetch, or
    /// the first event is waiting out its back-off). Keep it well under the transport's lease.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}

[OptionsValidator]
internal sealed partial class ConsumerOptionsValidator : IValidateOptions<ConsumerOptions>;
