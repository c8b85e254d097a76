using System.Security.Claims;
using Bazaar.Platform.Auth;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bazaar.Users.Tokens;

internal sealed class TokenIssuer(SigningKeyStore keys, IOptions<BazaarAuthOptions> auth, IOptions<UsersOptions> users, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, TimeSpan Lifetime) IssueAccessToken(Guid userId, string email, string role)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lifetime = users.Value.AccessTokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Value.Issuer,
            Audience = auth.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = keys.Active.SigningCredentials,
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", userId.ToString()),
                new Claim("email", email),
                new Claim("role", role),
                new Claim("jti", Guid.CreateVersion7().ToString()),
            ]),
        });
        return (token, lifetime);
    }
}
