namespace Bazaar.Orders.Domain;

internal sealed record ShippingAddress(string Name, string Line1, string? Line2, string City, string PostalCode, string Country);
