using System.ComponentModel.DataAnnotations;

namespace Bazaar.Orders.Checkout;

public sealed record CheckoutRequest([Required] CardInput? Card, [Required] AddressInput? ShippingAddress);

public sealed record CardInput(
    [Required, RegularExpression("^[0-9]{12,19}$", ErrorMessage = "The card number must be 12 to 19 digits.")] string Number,
    [Range(1, 12)] int ExpiryMonth,
    [Range(2000, 2100)] int ExpiryYear,
    [Required, RegularExpression("^[0-9]{3,4}$", ErrorMessage = "The CVC must be 3 or 4 digits.")] string Cvc);

public sealed record AddressInput(
    [Required, MaxLength(200)] string Name,
    [Required, MaxLength(200)] string Line1,
    [MaxLength(200)] string? Line2,
    [Required, MaxLength(100)] string City,
    [Required, MaxLength(20)] string PostalCode,
    [Required, RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "The country is a two-letter ISO 3166 code.")] string Country);
