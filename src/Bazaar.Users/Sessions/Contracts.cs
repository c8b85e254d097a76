using System.ComponentModel.DataAnnotations;

namespace Bazaar.Users.Sessions;

public sealed record LoginRequest(
    [Required, MaxLength(320)] string Email,
    [Required, MaxLength(128)] string Password);

public sealed record RefreshRequest([Required, MaxLength(100)] string RefreshToken);

/// <summary>An access token (a JWT, <paramref name="ExpiresIn"/> seconds) and the opaque refresh
/// token that buys the next pair once (<paramref name="RefreshExpiresIn"/> seconds).</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, int RefreshExpiresIn);
