using System.Security.Cryptography;

namespace Bazaar.Orders.Tracking;

internal sealed record ShipmentEvent(string Status, DateTimeOffset At, string? Note = null);

/// <summary>The parcel of a paid order and its timeline.</summary>
internal sealed record Shipment(Guid Id, Guid OrderId, string Carrier, string TrackingNumber, string Status, IReadOnlyList<ShipmentEvent> Events)
{
    public const string BazaarExpress = "Bazaar Express";

    public const string LabelCreated = "LabelCreated";

    /// <summary>The shipment of a freshly paid order: a label with a new tracking number.</summary>
    public static Shipment CreateLabel(Guid orderId, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), orderId, BazaarExpress, NewTrackingNumber(), LabelCreated, [new ShipmentEvent(LabelCreated, now)]);

    // Random rather than sequential, so a tracking number does not reveal how many orders we ship.
    private static string NewTrackingNumber() => "BZX" + RandomNumberGenerator.GetString("0123456789", 12);
}
