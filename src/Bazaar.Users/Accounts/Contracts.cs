using System.ComponentModel.DataAnnotations;

namespace Bazaar.Users.Accounts;

public sealed record RegisterRequest(
    [Required, EmailAddress, MaxLength(320)] string Email,
    [Required, MinLength(8), MaxLength(128)] string Password,
    [Required, MinLength(1), MaxLength(200)] string Name);

/// <summary>The caller's own profile; the email and role are not changed here.</summary>
public sealed record UpdateProfileRequest(
    [Required, MinLength(1), MaxLength(200)] string Name,
    [RegularExpression(PhoneNumber.Pattern, ErrorMessage = PhoneNumber.Message)] string? Phone);

public sealed record AccountResponse(Guid Id, string Email, string Name, string? Phone, string Role);

/// <summary>E.164-like: a plus and 8 to 15 digits, no blanks.</summary>
public static class PhoneNumber
{
    public const string Pattern = @"^\+[0-9]{8,15}$";
    public const string Message = "A phone number is a + followed by 8 to 15 digits.";
}
