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
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO shipments (id, order_id, carrier, tracking_number, status, created_at) VALUES (@Id, @OrderId, @Carrier, @TrackingNumber, @Status, @CreatedAt)",
            new { shipment.Id, shipment.OrderId, shipment.Carrier, shipment.TrackingNumber, shipment.Status, CreatedAt = shipment.Events[0].At },
            transaction, cancellationToken: cancellationToken));
        foreach (var shipmentEvent in shipment.Events)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO shipment_events (id, shipment_id, status, at) VALUES (@Id, @ShipmentId, @Status, @At)",
                new { Id = Guid.CreateVersion7(), ShipmentId = shipment.Id, shipmentEvent.Status, shipmentEvent.At },
                transaction, cancellationToken: cancellationToken));
        }
    }

    public async Task<Shipment?> FindByOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ShipmentRow>(new CommandDefinition(
            "SELECT id AS Id, order_id AS OrderId, carrier AS Carrier, tracking_number AS TrackingNumber, status AS Status FROM shipments WHERE order_id = @orderId",
            new { orderId }, cancellationToken: cancellationToken));
        if (row is null) return null;
        var events = await connection.QueryAsync<ShipmentEvent>(new CommandDefinition(
            "SELECT status AS Status, at AS At FROM shipment_events WHERE shipment_id = @Id ORDER BY at, id",
            new { row.Id }, cancellationToken: cancellationToken));
        return new Shipment(row.Id, row.OrderId, row.Carrier, row.TrackingNumber, row.Status, events.AsList());
    }

    private sealed record ShipmentRow(Guid Id, Guid OrderId, string Carrier, string TrackingNumber, string Status);
}
