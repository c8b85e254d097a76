namespace Bazaar.Orders.Domain;

/// <summary>The carrier events after the label: what an admin or the carrier may report.</summary>
internal static class ShipmentEventKind
{
    public const string PickedUp = "PickedUp";
    public const string InTransit = "InTransit";
    public const string OutForDelivery = "OutForDelivery";
    public const string Delivered = "Delivered";
    public const string Exception = "Exception";
}
