using Bazaar.Platform.Money;

namespace Bazaar.Orders.Domain;

/// <summary>What was bought, at the price quoted by the product-service at checkout.</summary>
internal sealed record OrderLine(string Sku, Guid ProductId, string Name, int Quantity, Money UnitPrice)
{
    public Money LineTotal => (UnitPrice * Quantity).Rounded();
}
