using System.ComponentModel.DataAnnotations;

namespace Bazaar.Users.Accounts;

public sealed record RegisterRequest(
    [Required, EmailAddress, MaxLength(320)] string Email,
    [Required, MinLength(8), MaxLength(128)] string Password,
    [Required, MinLength(1), MaxLength(200)] string Name);

public sealed record LoginRequest(
    [Required, MaxLength(320)] string Email,
    [Required, MaxLength(128)] string Password);

public sealed record AccountResponse(Guid Id, string Email, string Name, string Role);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
