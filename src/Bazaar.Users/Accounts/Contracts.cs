using System.ComponentModel.DataAnnotations;

namespace Bazaar.Users.Accounts;

public sealed record RegisterRequest(
    [Required, EmailAddress, StringLength(320)] string Email,
    [Required, StringLength(128, MinimumLength = 8)] string Password,
    [Required, StringLength(200, MinimumLength = 1)] string Name);

/// <summary>The caller's own profile; the email and role are not changed here.</summary>
public sealed record UpdateProfileRequest(
    [Required, StringLength(200, MinimumLength = 1)] string Name,
    [RegularExpression(PhoneNumber.Pattern, ErrorMessage = PhoneNumber.Message)] string? Phone);

public sealed record AccountResponse(Guid Id, string Email, string Name, string? Phone, string Role);

/// <summary>E.164-like: a plus and 8 to 15 digits, no blanks.</summary>
public static class PhoneNumber
{
    public const string Pattern = @"^\+[0-9]{8,15}$";
    public const string Message = "A phone number is a + followed by 8 to 15 digits.";
}
