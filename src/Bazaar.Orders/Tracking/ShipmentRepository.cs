using System.Data.Common;
using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Orders.Tracking;

internal sealed class ShipmentRepository(Database database)
{
    /// <summary>Adds the shipment and its events inside the caller's transaction (the one that
    /// marks the order paid).</summary>
    public static async Task AddAsync(DbConnection connection, DbTransaction transaction, Shipment shipment, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(
            "INSERT INTO shipments (id, order_id, carrier, tracking_number, status, created_at) VALUES (@Id, @OrderId, @Carrier, @TrackingNumber, @Status, @CreatedAt)",
            new { shipment.Id, shipment.OrderId, shipment.Carrier, shipment.TrackingNumber, shipment.Status, CreatedAt = shipment.Events[0].At, cancellationToken },
            transaction);
        foreach (var shipmentEvent in shipment.Events)
        {
            await connection.ExecuteAsync(
                "INSERT INTO shipment_events (id, shipment_id, status, at) VALUES (@Id, @ShipmentId, @Status, @At)",
                new { Id = Guid.CreateVersion7(), ShipmentId = shipment.Id, shipmentEvent.Status, shipmentEvent.At, cancellationToken },
                transaction);
        }
    }

    public async Task<Shipment?> FindByOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ShipmentRow>(
            "SELECT id AS Id, order_id AS OrderId, carrier AS Carrier, tracking_number AS TrackingNumber, status AS Status FROM shipments WHERE order_id = @orderId",
            new { orderId, cancellationToken });
        if (row is null) return null;
        // Insertion order (rowid) is the timeline: two events may share a timestamp, and UUIDv7 ids
        // written within one millisecond do not sort by time.
        var events = await connection.QueryAsync<EventRow>(
            "SELECT status AS Status, at AS At, note AS Note FROM shipment_events WHERE shipment_id = @Id ORDER BY rowid",
            new { row.Id, cancellationToken });
        return new Shipment(row.Id, row.OrderId, row.Carrier, row.TrackingNumber, row.Status, events.Select(e => new ShipmentEvent(e.Status, e.At, e.Note)).ToList());
    }

    /// <summary>Appends an event inside the caller's transaction, if the shipment is still at
    /// <paramref name="expectedStatus"/>; false when another writer moved it first.</summary>
    public static async Task<bool> TryAppendAsync(
        DbConnection connection, DbTransaction transaction, Shipment shipment, ShipmentEvent shipmentEvent, CancellationToken cancellationToken)
    {
        var moved = await connection.ExecuteAsync(
            "UPDATE shipments SET status = @Status WHERE id = @Id AND status = @Expected",
            new { shipmentEvent.Status, shipment.Id, Expected = shipment.Status, cancellationToken }, transaction);
        if (moved != 1) return false;
        await connection.ExecuteAsync(
            "INSERT INTO shipment_events (id, shipment_id, status, at, note) VALUES (@Id, @ShipmentId, @Status, @At, @Note)",
            new { Id = Guid.CreateVersion7(), ShipmentId = shipment.Id, shipmentEvent.Status, shipmentEvent.At, shipmentEvent.Note, cancellationToken },
            transaction);
        return true;
    }

    /// <summary>The shipments of orders the carrier still has to move: (order, shipment status).</summary>
    public async Task<IReadOnlyList<ShipmentInFlight>> InFlightAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ShipmentInFlight>(
            """
            SELECT o.id AS OrderId, s.status AS ShipmentStatus
            FROM orders o JOIN shipments s ON s.order_id = o.id
            WHERE o.status IN ('Fulfilling', 'Shipped')
            ORDER BY o.status, o.id
            LIMIT @limit
            """,
            new { limit, cancellationToken });
        return rows.AsList();
    }

    internal sealed class EventRow
    {
        public required string Status { get; init; }
        public required DateTimeOffset At { get; init; }
        public string? Note { get; init; }
    }

    internal sealed class ShipmentInFlight
    {
        public required Guid OrderId { get; init; }
        public required string ShipmentStatus { get; init; }
    }

    internal sealed record ShipmentRow(Guid Id, Guid OrderId, string Carrier, string TrackingNumber, string Status);
}
