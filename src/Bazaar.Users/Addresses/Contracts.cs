using System.ComponentModel.DataAnnotations;
using Bazaar.Users.Accounts;

namespace Bazaar.Users.Addresses;

/// <summary>An address to add or to replace one with. <paramref name="IsDefault"/> true makes it
/// the default; the default moves only by making another address the default.</summary>
public sealed record AddressRequest(
    [Required, StringLength(200, MinimumLength = 1)] string Name,
    [Required, StringLength(200, MinimumLength = 1)] string Line1,
    [StringLength(200)] string? Line2,
    [Required, StringLength(100, MinimumLength = 1)] string City,
    [Required, StringLength(20, MinimumLength = 1)] string PostalCode,
    [Required, RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "The country is a two-letter ISO 3166 code.")] string Country,
    [RegularExpression(PhoneNumber.Pattern, ErrorMessage = PhoneNumber.Message)] string? Phone,
    bool IsDefault);

public sealed record AddressResponse(Guid Id, string Name, string Line1, string? Line2, string City, string PostalCode, string Country, string? Phone, bool IsDefault);
