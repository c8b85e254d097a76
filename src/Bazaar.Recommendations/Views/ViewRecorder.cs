using Bazaar.Platform.Data;
using Bazaar.Recommendations.Model;
using Dapper;
using Microsoft.Extensions.Options;

namespace Bazaar.Recommendations.Views;

/// <summary>A session's latest counted view of a product (unix ms).</summary>
internal sealed class SessionView
{
    public string Session { get; init; } = "";
    public string Sku { get; init; } = "";
    public long ViewedAt { get; init; }
}

/// <summary>When a session last counted a co-view pair (unix ms).</summary>
internal sealed class SessionPair
{
    public string Session { get; init; } = "";
    public string First { get; init; } = "";
    public string Second { get; init; } = "";
    public long CountedAt { get; init; }
}

/// <summary>Counts queued views into the co-view weights. A view counts once per session, product
/// and <see cref="RecommendationOptions.CoViewWindow"/> (a reload within the window changes nothing),
/// and pairs with each other product the session had a counted view of within the window before it
/// (at most <see cref="MaxPartners"/>, the most recent), unless the session already counted that pair
/// within the window: so co(a,b) never exceeds n(a) or n(b), and the cosine stays within 0..1. The
/// counting and decay are the purchases' own (<see cref="CoPurchaseCounts"/>, <see cref="CountRows"/>).
/// Only the rows a batch changed are written, in one short transaction after every read: the writer
/// is the views tables' only writer (<see cref="ViewWriter"/>), so what it read cannot move meanwhile.</summary>
internal sealed class ViewRecorder(Database database, ViewQueue queue, ViewFilter filter, IOptions<RecommendationOptions> options)
{
    public const int BatchSize = 100;

    /// <summary>Bounds the pairs one view makes (and the SKUs one batch reads).</summary>
    public const int MaxPartners = 20;

    /// <summary>Views beyond <see cref="RecommendationOptions.UserViewsKept"/> deleted per user and batch.</summary>
    public const int MaxTrimmed = 1000;

    /// <summary>Writes up to <see cref="BatchSize"/> queued views; returns how many it took.</summary>
    public async Task<int> WriteQueuedAsync(CancellationToken cancellationToken)
    {
        var batch = new List<View>(BatchSize);
        while (batch.Count < BatchSize && queue.Reader.TryRead(out var view)) batch.Add(view);
        if (batch.Count == 0) return 0;
        var known = await filter.KnownAsync(batch, cancellationToken); // made-up SKUs are dropped here
        if (known.Count > 0) await RecordAsync(known, cancellationToken);
        return batch.Count;
    }

    private async Task RecordAsync(List<View> received, CancellationToken cancellationToken)
    {
        var window = (long)options.Value.CoViewWindow.TotalMilliseconds;
        List<View> batch = [.. received.OrderBy(v => v.At)]; // stable: views of one instant keep their order
        await using var connection = await database.OpenAsync(cancellationToken);

        var key = new { sessions = batch.Select(v => v.Session).Distinct().ToList(), since = batch[0].At - window };
        var recent = (await connection.QueryAsync<SessionView>(new CommandDefinition(
                "SELECT session AS Session, sku AS Sku, viewed_at AS ViewedAt FROM session_views WHERE session IN @sessions AND viewed_at > @since",
                key, cancellationToken: cancellationToken)))
            .GroupBy(v => v.Session, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(v => v.Sku, v => v.ViewedAt, StringComparer.Ordinal), StringComparer.Ordinal);
        var paired = (await connection.QueryAsync<SessionPair>(new CommandDefinition(
                "SELECT session AS Session, first_sku AS First, second_sku AS Second, counted_at AS CountedAt FROM session_pairs WHERE session IN @sessions AND counted_at > @since",
                key, cancellationToken: cancellationToken)))
            .ToDictionary(p => (p.Session, new SkuPair(p.First, p.Second)), p => p.CountedAt);

        var counted = new List<(View View, List<string> Partners)>();
        foreach (var view in batch)
        {
            if (!recent.TryGetValue(view.Session, out var seen)) recent[view.Session] = seen = new(StringComparer.Ordinal);
            if (seen.TryGetValue(view.Sku, out var last) && view.At - last < window) continue; // a reload: counted once per window
            var partners = seen.Where(s => s.Key != view.Sku && view.At - s.Value < window)
                .OrderByDescending(s => s.Value).Take(MaxPartners).Select(s => s.Key)
                // a pair counts once per session and window, however often either side counts again
                .Where(partner => !paired.TryGetValue((view.Session, SkuPair.Of(view.Sku, partner)), out var pairedAt) || view.At - pairedAt >= window)
                .ToList();
            foreach (var partner in partners) paired[(view.Session, SkuPair.Of(view.Sku, partner))] = view.At;
            counted.Add((view, partners));
            seen[view.Sku] = view.At;
        }

        CoPurchaseCounts? counts = null;
        if (counted.Count > 0)
        {
            var skus = counted.SelectMany(c => c.Partners.Append(c.View.Sku)).Distinct(StringComparer.Ordinal).ToList();
            counts = await CountRows.LoadAsync(connection, null, CountTables.Views, skus, options.Value.HalfLife, cancellationToken);
            foreach (var (view, partners) in counted) counts.Record(view.Sku, partners, view.At);
        }

        // Every read is done: the write lock is held only for the writes.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (counts is not null)
        {
            await CountRows.WriteAsync(connection, transaction, CountTables.Views, counts, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO session_views (session, sku, viewed_at) VALUES (@Session, @Sku, @At) ON CONFLICT (session, sku) DO UPDATE SET viewed_at = excluded.viewed_at",
                counted.Select(c => new { c.View.Session, c.View.Sku, c.View.At }), transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO session_pairs (session, first_sku, second_sku, counted_at) VALUES (@Session, @First, @Second, @At) ON CONFLICT (session, first_sku, second_sku) DO UPDATE SET counted_at = excluded.counted_at",
                counted.SelectMany(c => c.Partners.Select(p => SkuPair.Of(c.View.Sku, p)).Select(pair => new { c.View.Session, pair.First, pair.Second, c.View.At })),
                transaction, cancellationToken: cancellationToken));
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO user_views (user_id, sku, viewed_at) VALUES (@UserId, @Sku, @At) ON CONFLICT (user_id, sku) DO UPDATE SET viewed_at = MAX(viewed_at, excluded.viewed_at)",
            batch.Where(v => v.UserId is not null).Select(v => new { UserId = v.UserId!.Value, v.Sku, v.At }), transaction, cancellationToken: cancellationToken));
        // Each user keeps the most recent views only: at most MaxTrimmed older rows go per user and
        // batch, so a history grown before this limit shrinks over several batches, never in one long lock.
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            DELETE FROM user_views WHERE user_id = @UserId AND sku IN (
                SELECT sku FROM user_views WHERE user_id = @UserId ORDER BY viewed_at DESC, sku LIMIT {MaxTrimmed} OFFSET @Keep)
            """,
            batch.Where(v => v.UserId is not null).Select(v => v.UserId!.Value).Distinct().Select(userId => new { UserId = userId, Keep = options.Value.UserViewsKept }),
            transaction, cancellationToken: cancellationToken));
        // Older session rows can no longer pair with anything.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM session_views WHERE viewed_at <= @cutoff; DELETE FROM session_pairs WHERE counted_at <= @cutoff;",
            new { cutoff = batch[^1].At - window }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
