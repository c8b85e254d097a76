using System.ComponentModel.DataAnnotations;

namespace Bazaar.Users.Sessions;

public sealed record LoginRequest(
    [Required, StringLength(320)] string Email,
    [Required, StringLength(128)] string Password);

public sealed record RefreshRequest([Required, StringLength(100)] string RefreshToken);

/// <summary>An access token (a JWT, <paramref name="ExpiresIn"/> seconds) and the opaque refresh
/// token that buys the next pair once (<paramref name="RefreshExpiresIn"/> seconds).</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, int RefreshExpiresIn);
