using System.Data.Common;
using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Catalog.Inventory;

/// <summary>Reserves, commits and releases stock. Each command is one transaction, and each stock
/// movement one conditional UPDATE, so concurrent buyers can never take more than is on hand.
/// Every status change is conditional on the reservation still being Reserved, so a commit, a
/// release and the expiry sweeper (of any replica) can never end the same reservation twice.</summary>
internal sealed class StockReservations(Database database, TimeProvider clock)
{
    private const string Hold = "UPDATE inventory SET reserved = reserved + @Quantity WHERE sku = @Sku AND on_hand - reserved >= @Quantity";
    private const string Ship = "UPDATE inventory SET on_hand = on_hand - @Quantity, reserved = reserved - @Quantity WHERE sku = @Sku AND reserved >= @Quantity";
    private const string GiveBack = "UPDATE inventory SET reserved = reserved - @Quantity WHERE sku = @Sku AND reserved >= @Quantity";

    /// <summary>Holds every line or none, until <paramref name="ttl"/> from now. A retry with the
    /// same id and goods answers as the first call did and holds nothing more.</summary>
    public async Task<ReservationOutcome> ReserveAsync(Guid id, IReadOnlyList<ReservationLine> lines, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (await FindAsync(connection, transaction, id, cancellationToken) is { } existing)
        {
            var stored = await ReadLinesAsync(connection, transaction, id, cancellationToken);
            var releasedBeforeMade = existing.Status == ReservationStatus.Released && stored.Count == 0;
            return stored.SequenceEqual(lines) || releasedBeforeMade
                ? new ReservationOutcome.Done(existing.Status, existing.ExpiresAt)
                : new ReservationOutcome.IdReused();
        }

        var skus = lines.Select(line => line.Sku).ToArray();
        var known = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT sku FROM inventory WHERE sku IN @skus", new { skus }, transaction, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        if (skus.Where(sku => !known.Contains(sku)).ToArray() is { Length: > 0 } unknown)
        {
            return new ReservationOutcome.UnknownSkus(unknown);
        }

        var insufficient = new List<string>();
        foreach (var line in lines)
        {
            if (await connection.ExecuteAsync(new CommandDefinition(Hold, line, transaction, cancellationToken: cancellationToken)) == 0)
            {
                insufficient.Add(line.Sku);
            }
        }
        if (insufficient.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new ReservationOutcome.InsufficientStock(insufficient);
        }

        var now = clock.GetUtcNow();
        var expiresAt = now + ttl;
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO reservations (id, status, created_at, updated_at, expires_at) VALUES (@id, @status, @now, @now, @expiresAt)",
            new { id, status = nameof(ReservationStatus.Reserved), now, expiresAt }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO reservation_lines (reservation_id, sku, quantity) VALUES (@id, @Sku, @Quantity)",
            lines.Select(line => new { id, line.Sku, line.Quantity }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ReservationOutcome.Done(ReservationStatus.Reserved, expiresAt);
    }

    /// <summary>The held stock leaves the warehouse: on hand and reserved both go down. A
    /// reservation whose time is up is released instead (if the sweeper has not yet done so) and
    /// the commit refused: its stock may already be promised to someone else.</summary>
    public Task<ReservationOutcome> CommitAsync(Guid id, CancellationToken cancellationToken) =>
        EndAsync(id, ReservationStatus.Committed, cancellationToken);

    /// <summary>The held stock is for sale again.</summary>
    public Task<ReservationOutcome> ReleaseAsync(Guid id, CancellationToken cancellationToken) =>
        EndAsync(id, ReservationStatus.Released, cancellationToken);

    /// <summary>Releases up to <paramref name="batch"/> reservations whose time is up; returns how
    /// many this call released (another replica may have taken some).</summary>
    public async Task<int> ReleaseExpiredAsync(int batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<Guid> expired;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            expired = (await connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT id FROM reservations WHERE status = @Reserved AND expires_at <= @now ORDER BY expires_at LIMIT @batch",
                new { Reserved = nameof(ReservationStatus.Reserved), now, batch }, cancellationToken: cancellationToken))).AsList();
        }
        var released = 0;
        foreach (var id in expired)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await TryMoveAsync(connection, transaction, id, ReservationStatus.Released, now, onlyIfExpired: true, cancellationToken))
            {
                await transaction.CommitAsync(cancellationToken);
                released++;
            }
        }
        return released;
    }

    private async Task<ReservationOutcome> EndAsync(Guid id, ReservationStatus target, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (await FindAsync(connection, transaction, id, cancellationToken) is not { } current)
        {
            if (target == ReservationStatus.Committed)
            {
                return new ReservationOutcome.NotFound();
            }
            // Released before it was ever made: the caller gave up on a reserve whose answer it
            // lost, and that reserve may still arrive. The tombstone makes it hold nothing.
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO reservations (id, status, created_at, updated_at, expires_at) VALUES (@id, @status, @now, @now, NULL)",
                new { id, status = nameof(ReservationStatus.Released), now }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return new ReservationOutcome.Done(ReservationStatus.Released, null);
        }
        if (target == ReservationStatus.Committed && current.Status == ReservationStatus.Reserved && current.ExpiresAt <= now)
        {
            await TryMoveAsync(connection, transaction, id, ReservationStatus.Released, now, onlyIfExpired: true, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new ReservationOutcome.Refused(ReservationStatus.Released);
        }
        switch (ReservationTransitions.Decide(current.Status, target))
        {
            case TransitionDecision.AlreadyDone: return new ReservationOutcome.Done(current.Status, current.ExpiresAt);
            case TransitionDecision.Refused: return new ReservationOutcome.Refused(current.Status);
        }

        if (!await TryMoveAsync(connection, transaction, id, target, now, onlyIfExpired: false, cancellationToken))
        {
            // Ended by someone else since it was read (the sweeper of another replica): decide again on what it is now.
            await transaction.RollbackAsync(cancellationToken);
            return await EndAsync(id, target, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new ReservationOutcome.Done(target, current.ExpiresAt);
    }

    /// <summary>Ends a Reserved reservation in one conditional UPDATE, then moves its stock. False
    /// (and nothing moved) when it is no longer Reserved, or not yet expired when that is asked.</summary>
    private static async Task<bool> TryMoveAsync(
        DbConnection connection, DbTransaction transaction, Guid id, ReservationStatus target, DateTimeOffset now, bool onlyIfExpired, CancellationToken cancellationToken)
    {
        var sql = "UPDATE reservations SET status = @target, updated_at = @now WHERE id = @id AND status = @Reserved"
            + (onlyIfExpired ? " AND expires_at <= @now" : "");
        var changed = await connection.ExecuteAsync(new CommandDefinition(sql,
            new { id, target = target.ToString(), now, Reserved = nameof(ReservationStatus.Reserved) }, transaction, cancellationToken: cancellationToken));
        if (changed == 0) return false;

        var stockMovement = target == ReservationStatus.Committed ? Ship : GiveBack;
        foreach (var line in await ReadLinesAsync(connection, transaction, id, cancellationToken))
        {
            if (await connection.ExecuteAsync(new CommandDefinition(stockMovement, line, transaction, cancellationToken: cancellationToken)) != 1)
            {
                throw new InvalidOperationException($"The inventory of {line.Sku} no longer holds the {line.Quantity} reserved by {id}.");
            }
        }
        return true;
    }

    private static async Task<StoredReservation?> FindAsync(DbConnection connection, DbTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string Status, string? ExpiresAt)>(new CommandDefinition(
            "SELECT status, expires_at FROM reservations WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        if (row.Status is null) return null;
        return new StoredReservation(Enum.Parse<ReservationStatus>(row.Status),
            row.ExpiresAt is null ? null : DateTimeOffset.Parse(row.ExpiresAt, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<IReadOnlyList<ReservationLine>> ReadLinesAsync(DbConnection connection, DbTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        var lines = await connection.QueryAsync<ReservationLine>(new CommandDefinition(
            "SELECT sku AS Sku, quantity AS Quantity FROM reservation_lines WHERE reservation_id = @id",
            new { id }, transaction, cancellationToken: cancellationToken));
        return [.. lines.OrderBy(line => line.Sku, StringComparer.Ordinal)];
    }

    private sealed record StoredReservation(ReservationStatus Status, DateTimeOffset? ExpiresAt);
}
