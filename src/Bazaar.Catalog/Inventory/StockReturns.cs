using System.Data.Common;
using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bazaar.Catalog.Inventory;

/// <summary>Puts the goods of a committed reservation back on hand when order-service cancels a
/// paid order or takes a return. Each return is recorded in <c>stock_returns</c>, which is how a
/// retry is recognised and how much of a sale has already come back is known.</summary>
internal sealed class StockReturns(Database database, TimeProvider clock)
{
    private const string Restock = "UPDATE inventory SET on_hand = on_hand + @Quantity WHERE sku = @Sku";

    /// <summary>Checks the return id, the reservation and what is left to return, and moves the
    /// stock, all in one IMMEDIATE transaction: it takes SQLite's write lock before the first read,
    /// so two returns of the same reservation are checked one after the other and can never
    /// together give back more than was sold.</summary>
    public async Task<ReturnOutcome> ReturnAsync(Guid returnId, Guid reservationId, IReadOnlyList<ReservationLine> lines, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Not deferred: a deferred transaction would read without the lock, and two racing returns
        // could both see the same amount left.
        await using var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);

        var earlierReservation = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT reservation_id FROM stock_returns WHERE id = @returnId", new { returnId }, transaction, cancellationToken: cancellationToken));
        if (earlierReservation is { } earlier)
        {
            var stored = await LinesAsync(connection, transaction, "SELECT sku AS Sku, quantity AS Quantity FROM stock_return_lines WHERE return_id = @id",
                returnId, cancellationToken);
            return earlier == reservationId && stored.SequenceEqual(lines) ? new ReturnOutcome.Done(stored) : new ReturnOutcome.IdReused();
        }

        var status = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT status FROM reservations WHERE id = @reservationId", new { reservationId }, transaction, cancellationToken: cancellationToken));
        if (status is null) return new ReturnOutcome.UnknownReservation();
        var current = Enum.Parse<ReservationStatus>(status);
        if (current != ReservationStatus.Committed) return new ReturnOutcome.NotCommitted(current);

        var sold = await LinesAsync(connection, transaction, "SELECT sku AS Sku, quantity AS Quantity FROM reservation_lines WHERE reservation_id = @id",
            reservationId, cancellationToken);
        // Plain rows, summed in ReturnRules: a SUM column of an empty result has no type, which Dapper cannot map.
        var returned = await LinesAsync(connection, transaction, """
            SELECT l.sku AS Sku, l.quantity AS Quantity
            FROM stock_returns r JOIN stock_return_lines l ON l.return_id = r.id
            WHERE r.reservation_id = @id
            """, reservationId, cancellationToken);
        if (ReturnRules.Exceeding(lines, sold, returned) is { Count: > 0 } exceeding) return new ReturnOutcome.ExceedsSale(exceeding);

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO stock_returns (id, reservation_id, returned_at) VALUES (@returnId, @reservationId, @now)",
            new { returnId, reservationId, now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO stock_return_lines (return_id, sku, quantity) VALUES (@returnId, @Sku, @Quantity)",
            lines.Select(line => new { returnId, line.Sku, line.Quantity }), transaction, cancellationToken: cancellationToken));
        foreach (var line in lines)
        {
            // The SKU was sold by this reservation, so its inventory row exists; a missing row is a bug, not a client error.
            if (await connection.ExecuteAsync(new CommandDefinition(Restock, line, transaction, cancellationToken: cancellationToken)) != 1)
            {
                throw new InvalidOperationException($"There is no inventory of {line.Sku}, sold by reservation {reservationId}.");
            }
        }
        await transaction.CommitAsync(cancellationToken);
        return new ReturnOutcome.Done(lines);
    }

    /// <summary>Lines in SKU order, so that one return's lines compare with a normalised request.</summary>
    private static async Task<IReadOnlyList<ReservationLine>> LinesAsync(
        DbConnection connection, DbTransaction transaction, string sql, Guid id, CancellationToken cancellationToken)
    {
        var lines = await connection.QueryAsync<ReservationLine>(new CommandDefinition(sql, new { id }, transaction, cancellationToken: cancellationToken));
        return [.. lines.OrderBy(line => line.Sku, StringComparer.Ordinal)];
    }
}
