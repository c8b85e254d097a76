using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Bazaar.Users.Tokens;

/// <summary>One signing key with the times that give its state (see <see cref="SigningKeyStore"/>).</summary>
internal sealed class SigningKey
{
    private SigningKey(string kid, ECDsa key, DateTimeOffset activatesAt, DateTimeOffset? retiredAt)
    {
        Kid = kid;
        ActivatesAt = activatesAt;
        RetiredAt = retiredAt;
        SigningCredentials = new(new ECDsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256);
        PublicKey = new(ECDsa.Create(key.ExportParameters(includePrivateParameters: false))) { KeyId = kid };
    }

    public string Kid { get; }

    public DateTimeOffset ActivatesAt { get; }

    public DateTimeOffset? RetiredAt { get; }

    public SigningCredentials SigningCredentials { get; }

    /// <summary>The public half, as published in the JWKS.</summary>
    public ECDsaSecurityKey PublicKey { get; }

    public static SigningKey Import(string kid, string pkcs8Base64, DateTimeOffset activatesAt, DateTimeOffset? retiredAt)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(pkcs8Base64), out _);
        return new SigningKey(kid, ecdsa, activatesAt, retiredAt);
    }
}
