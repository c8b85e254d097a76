using System.ComponentModel.DataAnnotations;
using Bazaar.Orders.Domain;

namespace Bazaar.Orders.Fulfilment;

/// <summary>A carrier event reported by an admin.</summary>
public sealed record ShipmentEventRequest(
    [Required, AllowedValues(ShipmentEventKind.PickedUp, ShipmentEventKind.InTransit, ShipmentEventKind.OutForDelivery, ShipmentEventKind.Delivered,
        ShipmentEventKind.Exception, ErrorMessage = "The status is one of PickedUp, InTransit, OutForDelivery, Delivered, Exception.")] string? Status,
    [MaxLength(500)] string? Note);
