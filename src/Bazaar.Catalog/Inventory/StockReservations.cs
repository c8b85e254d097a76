using System.Data.Common;
using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Catalog.Inventory;

/// <summary>Reserves, commits and releases stock. Each command is one transaction, and each stock
/// movement one conditional UPDATE, so concurrent buyers can never take more than is on hand.</summary>
internal sealed class StockReservations(Database database, TimeProvider clock)
{
    private const string Hold = "UPDATE inventory SET reserved = reserved + @Quantity WHERE sku = @Sku AND on_hand - reserved >= @Quantity";
    private const string Ship = "UPDATE inventory SET on_hand = on_hand - @Quantity, reserved = reserved - @Quantity WHERE sku = @Sku AND reserved >= @Quantity";
    private const string GiveBack = "UPDATE inventory SET reserved = reserved - @Quantity WHERE sku = @Sku AND reserved >= @Quantity";

    /// <summary>Holds every line or none. A retry with the same id and goods answers as the first
    /// call did and holds nothing more.</summary>
    public async Task<ReservationOutcome> ReserveAsync(Guid id, IReadOnlyList<ReservationLine> lines, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (await FindStatusAsync(connection, transaction, id, cancellationToken) is { } existing)
        {
            var stored = await ReadLinesAsync(connection, transaction, id, cancellationToken);
            return stored.SequenceEqual(lines) ? new ReservationOutcome.Done(existing) : new ReservationOutcome.IdReused();
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
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO reservations (id, status, created_at, updated_at) VALUES (@id, @status, @now, @now)",
            new { id, status = nameof(ReservationStatus.Reserved), now }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO reservation_lines (reservation_id, sku, quantity) VALUES (@id, @Sku, @Quantity)",
            lines.Select(line => new { id, line.Sku, line.Quantity }), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ReservationOutcome.Done(ReservationStatus.Reserved);
    }

    /// <summary>The held stock leaves the warehouse: on hand and reserved both go down.</summary>
    public Task<ReservationOutcome> CommitAsync(Guid id, CancellationToken cancellationToken) =>
        EndAsync(id, ReservationStatus.Committed, Ship, cancellationToken);

    /// <summary>The held stock is for sale again.</summary>
    public Task<ReservationOutcome> ReleaseAsync(Guid id, CancellationToken cancellationToken) =>
        EndAsync(id, ReservationStatus.Released, GiveBack, cancellationToken);

    private async Task<ReservationOutcome> EndAsync(Guid id, ReservationStatus target, string stockMovement, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (await FindStatusAsync(connection, transaction, id, cancellationToken) is not { } current)
        {
            return new ReservationOutcome.NotFound();
        }
        switch (ReservationTransitions.Decide(current, target))
        {
            case TransitionDecision.AlreadyDone: return new ReservationOutcome.Done(current);
            case TransitionDecision.Refused: return new ReservationOutcome.Refused(current);
        }

        foreach (var line in await ReadLinesAsync(connection, transaction, id, cancellationToken))
        {
            if (await connection.ExecuteAsync(new CommandDefinition(stockMovement, line, transaction, cancellationToken: cancellationToken)) != 1)
            {
                throw new InvalidOperationException($"The inventory of {line.Sku} no longer holds the {line.Quantity} reserved by {id}.");
            }
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE reservations SET status = @status, updated_at = @now WHERE id = @id",
            new { id, status = target.ToString(), now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ReservationOutcome.Done(target);
    }

    private static async Task<ReservationStatus?> FindStatusAsync(DbConnection connection, DbTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        var status = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT status FROM reservations WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        return status is null ? null : Enum.Parse<ReservationStatus>(status);
    }

    private static async Task<IReadOnlyList<ReservationLine>> ReadLinesAsync(DbConnection connection, DbTransaction transaction, Guid id, CancellationToken cancellationToken)
    {
        var lines = await connection.QueryAsync<ReservationLine>(new CommandDefinition(
            "SELECT sku AS Sku, quantity AS Quantity FROM reservation_lines WHERE reservation_id = @id",
            new { id }, transaction, cancellationToken: cancellationToken));
        return [.. lines.OrderBy(line => line.Sku, StringComparer.Ordinal)];
    }
}
