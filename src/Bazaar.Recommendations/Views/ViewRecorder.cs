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

/// <summary>Counts queued views into the co-view weights, one transaction per batch. A view counts
/// once per session, product and <see cref="RecommendationOptions.CoViewWindow"/> (a reload within
/// the window changes nothing), and pairs once with each other product the session had a counted
/// view of within the window before it (at most <see cref="MaxPartners"/>, the most recent). The
/// counting and decay are the purchases' own (<see cref="CoPurchaseCounts"/>, <see cref="CountRows"/>).</summary>
internal sealed class ViewRecorder(Database database, ViewQueue queue, IOptions<RecommendationOptions> options)
{
    public const int BatchSize = 100;

    /// <summary>Bounds the pairs one view makes (and the SKUs one batch reads).</summary>
    public const int MaxPartners = 20;

    /// <summary>Writes up to <see cref="BatchSize"/> queued views; returns how many it took.</summary>
    public async Task<int> WriteQueuedAsync(CancellationToken cancellationToken)
    {
        var batch = new List<View>(BatchSize);
        while (batch.Count < BatchSize && queue.Reader.TryRead(out var view)) batch.Add(view);
        if (batch.Count > 0) await RecordAsync(batch, cancellationToken);
        return batch.Count;
    }

    private async Task RecordAsync(List<View> received, CancellationToken cancellationToken)
    {
        var window = (long)options.Value.CoViewWindow.TotalMilliseconds;
        List<View> batch = [.. received.OrderBy(v => v.At)]; // stable: views of one instant keep their order
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var recent = (await connection.QueryAsync<SessionView>(new CommandDefinition(
                "SELECT session AS Session, sku AS Sku, viewed_at AS ViewedAt FROM session_views WHERE session IN @sessions AND viewed_at > @since",
                new { sessions = batch.Select(v => v.Session).Distinct().ToList(), since = batch[0].At - window }, transaction, cancellationToken: cancellationToken)))
            .GroupBy(v => v.Session, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(v => v.Sku, v => v.ViewedAt, StringComparer.Ordinal), StringComparer.Ordinal);

        var counted = new List<(View View, List<string> Partners)>();
        foreach (var view in batch)
        {
            if (!recent.TryGetValue(view.Session, out var seen)) recent[view.Session] = seen = new(StringComparer.Ordinal);
            if (seen.TryGetValue(view.Sku, out var last) && view.At - last < window) continue; // a reload: counted once per window
            var partners = seen.Where(s => s.Key != view.Sku && view.At - s.Value < window)
                .OrderByDescending(s => s.Value).Take(MaxPartners).Select(s => s.Key).ToList();
            counted.Add((view, partners));
            seen[view.Sku] = view.At;
        }

        if (counted.Count > 0)
        {
            var skus = counted.SelectMany(c => c.Partners.Append(c.View.Sku)).Distinct(StringComparer.Ordinal).ToList();
            var counts = await CountRows.LoadAsync(connection, transaction, CountTables.Views, skus, options.Value.HalfLife, cancellationToken);
            foreach (var (view, partners) in counted) counts.Record(view.Sku, partners, view.At);
            await CountRows.WriteAsync(connection, transaction, CountTables.Views, counts, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO session_views (session, sku, viewed_at) VALUES (@Session, @Sku, @At) ON CONFLICT (session, sku) DO UPDATE SET viewed_at = excluded.viewed_at",
                counted.Select(c => new { c.View.Session, c.View.Sku, c.View.At }), transaction, cancellationToken: cancellationToken));
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO user_views (user_id, sku, viewed_at) VALUES (@UserId, @Sku, @At) ON CONFLICT (user_id, sku) DO UPDATE SET viewed_at = MAX(viewed_at, excluded.viewed_at)",
            batch.Where(v => v.UserId is not null).Select(v => new { UserId = v.UserId!.Value, v.Sku, v.At }), transaction, cancellationToken: cancellationToken));
        // Older session rows can no longer pair with anything.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM session_views WHERE viewed_at <= @cutoff", new { cutoff = batch[^1].At - window }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
