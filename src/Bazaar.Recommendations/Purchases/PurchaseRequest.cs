using System.ComponentModel.DataAnnotations;

namespace Bazaar.Recommendations.Purchases;

/// <summary>What one paid order bought, sent by the order-service.</summary>
public sealed record PurchaseRequest(Guid OrderId, [Required, MinLength(1), MaxLength(100)] IReadOnlyList<string>? Skus);
