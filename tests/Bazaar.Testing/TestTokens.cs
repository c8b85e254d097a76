using System.Security.Claims;
using System.Security.Cryptography;
using Bazaar.Platform.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Bazaar.Testing;

/// <summary>Access tokens signed by a key of the test's own, shaped exactly like the user-service's
/// (ES256, same issuer and audience, <c>sub</c> and <c>role</c>), so a service under test can be
/// called without a user-service beside it.</summary>
public sealed class TestTokens
{
    private readonly ECDsaSecurityKey _key = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "test-key" };
    private readonly BazaarAuthOptions _auth = new();

    public string Issue(Guid userId, string role = Roles.Customer, TimeSpan? lifetime = null, ECDsaSecurityKey? signWith = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _auth.Issuer,
            Audience = _auth.Audience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(15)),
            SigningCredentials = new SigningCredentials(signWith ?? _key, SecurityAlgorithms.EcdsaSha256),
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("role", role)]),
        });
    }

    /// <summary>The key set a service under test validates against.</summary>
    public IConfigurationManager<OpenIdConnectConfiguration> KeySet()
    {
        var configuration = new OpenIdConnectConfiguration();
        configuration.SigningKeys.Add(_key);
        return new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
    }
}
