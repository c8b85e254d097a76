using System.Buffers.Text;

namespace Bazaar.Users.Tokens;

/// <summary>A JSON Web Key Set (RFC 7517) of public EC keys.</summary>
public sealed record JsonWebKeySetResponse(IReadOnlyList<EcPublicJwk> Keys);

public sealed record EcPublicJwk(string Kty, string Crv, string X, string Y, string Kid, string Use, string Alg)
{
    internal static EcPublicJwk From(SigningKey pair)
    {
        var parameters = pair.PublicKey.ECDsa.ExportParameters(includePrivateParameters: false);
        return new EcPublicJwk("EC", "P-256", Base64Url.EncodeToString(parameters.Q.X), Base64Url.EncodeToString(parameters.Q.Y), pair.Kid, "sig", "ES256");
    }
}

/// <summary>The key signing now and its successor, published now and signing from <paramref name="ActivatesAt"/>.</summary>
public sealed record KeyRotationResponse(string ActiveKid, string NextKid, DateTimeOffset ActivatesAt);
