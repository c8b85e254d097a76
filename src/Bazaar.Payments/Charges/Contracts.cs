using System.ComponentModel.DataAnnotations;
using Bazaar.Platform.Money;

namespace Bazaar.Payments.Charges;

public sealed record ChargeRequest(
    Guid OrderId,
    Guid UserId,
    [Required] Money? Amount,
    [Required] CardDetails? Card);

public sealed record CardDetails(
    [Required, RegularExpression("^[0-9]{12,19}$", ErrorMessage = "The card number must be 12 to 19 digits.")] string Number,
    [Range(1, 12)] int ExpiryMonth,
    [Range(2000, 2100)] int ExpiryYear,
    [Required, RegularExpression("^[0-9]{3,4}$", ErrorMessage = "The CVC must be 3 or 4 digits.")] string Cvc);

public sealed record PaymentResponse(Guid PaymentId, Guid OrderId, string Status, string? DeclineCode, Money Amount, string CardLast4);
