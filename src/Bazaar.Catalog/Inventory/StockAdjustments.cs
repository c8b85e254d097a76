using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Catalog.Inventory;

/// <summary>Stock counted in or written off by an admin, each change recorded in the append-only
/// <c>stock_adjustments</c> table in the same transaction.</summary>
internal sealed class StockAdjustments(Database database, TimeProvider clock)
{
    /// <summary>One conditional statement: on hand never drops below what is reserved, nor below zero,
    /// however many adjustments and reservations race.</summary>
    private const string Adjust = """
        UPDATE inventory SET on_hand = on_hand + @Delta
        WHERE sku = @Sku AND on_hand + @Delta >= reserved AND on_hand + @Delta >= 0
        RETURNING on_hand
        """;

    private const string Select = """
        SELECT id AS Id, sku AS Sku, delta AS Delta, reason AS Reason, on_hand_after AS OnHandAfter,
               adjusted_by AS AdjustedBy, adjusted_at AS AdjustedAt
        FROM stock_adjustments
        """;

    /// <summary>Applies the change once. With an idempotency key, a retry (same key and
    /// fingerprint for this SKU) returns the adjustment already made.</summary>
    public async Task<AdjustmentOutcome> AdjustAsync(
        string sku, int delta, string reason, Guid adminId, (string Key, string Fingerprint)? idempotency, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (idempotency is { } retry)
        {
            var earlier = await connection.QuerySingleOrDefaultAsync<(string Id, string Fingerprint)>(new CommandDefinition(
                "SELECT id, fingerprint FROM stock_adjustments WHERE sku = @sku AND idempotency_key = @Key",
                new { sku, retry.Key }, transaction, cancellationToken: cancellationToken));
            if (earlier.Id is not null)
            {
                if (earlier.Fingerprint != retry.Fingerprint) return new AdjustmentOutcome.KeyReused();
                return new AdjustmentOutcome.Done(await connection.QuerySingleAsync<StockAdjustment>(new CommandDefinition(
                    Select + " WHERE id = @Id", new { earlier.Id }, transaction, cancellationToken: cancellationToken)));
            }
        }
        var onHand = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            Adjust, new { Sku = sku, Delta = delta }, transaction, cancellationToken: cancellationToken));
        if (onHand is null)
        {
            var known = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM inventory WHERE sku = @sku)", new { sku }, transaction, cancellationToken: cancellationToken));
            return known ? new AdjustmentOutcome.BelowReserved() : new AdjustmentOutcome.UnknownSku();
        }
        var adjustment = new StockAdjustment
        {
            Id = Guid.CreateVersion7(), Sku = sku, Delta = delta, Reason = reason, OnHandAfter = onHand.Value,
            AdjustedBy = adminId, AdjustedAt = clock.GetUtcNow(),
        };
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO stock_adjustments (id, sku, delta, reason, on_hand_after, adjusted_by, adjusted_at, idempotency_key, fingerprint)
            VALUES (@Id, @Sku, @Delta, @Reason, @OnHandAfter, @AdjustedBy, @AdjustedAt, @Key, @Fingerprint)
            """, new
        {
            adjustment.Id, adjustment.Sku, adjustment.Delta, adjustment.Reason, adjustment.OnHandAfter, adjustment.AdjustedBy, adjustment.AdjustedAt,
            idempotency?.Key, idempotency?.Fingerprint,
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new AdjustmentOutcome.Done(adjustment);
    }

    /// <summary>Oldest first; null for an unknown SKU.</summary>
    public async Task<IReadOnlyList<StockAdjustment>?> TrailAsync(string sku, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM inventory WHERE sku = @sku)", new { sku }, cancellationToken: cancellationToken)))
        {
            return null;
        }
        var rows = await connection.QueryAsync<StockAdjustment>(new CommandDefinition(
            Select + " WHERE sku = @sku ORDER BY id", new { sku }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}

/// <summary>One recorded change of stock on hand (ids are UUIDv7, so id order is time order).</summary>
public sealed class StockAdjustment
{
    public required Guid Id { get; init; }
    public required string Sku { get; init; }
    public required int Delta { get; init; }
    public required string Reason { get; init; }
    public required long OnHandAfter { get; init; }
    public required Guid AdjustedBy { get; init; }
    public required DateTimeOffset AdjustedAt { get; init; }
}

internal abstract record AdjustmentOutcome
{
    public sealed record Done(StockAdjustment Adjustment) : AdjustmentOutcome;

    public sealed record UnknownSku : AdjustmentOutcome;

    public sealed record BelowReserved : AdjustmentOutcome;

    /// <summary>The idempotency key was used for this SKU with another body.</summary>
    public sealed record KeyReused : AdjustmentOutcome;
}
