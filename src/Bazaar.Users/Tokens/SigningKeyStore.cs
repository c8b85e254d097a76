using System.Security.Cryptography;
using Bazaar.Platform.Data;
using Dapper;
using Microsoft.IdentityModel.Tokens;

namespace Bazaar.Users.Tokens;

/// <summary>The ES256 key that signs access tokens. The first replica to start creates it; every
/// replica then signs with the same key, so a token from one verifies everywhere.</summary>
/// <remarks>The private key lives in the service's own database; a production deployment keeps it
/// in a KMS or a Kubernetes secret instead.</remarks>
internal sealed class SigningKeyStore(Database database, TimeProvider clock)
{
    private SecurityKeyPair? _active;

    public SecurityKeyPair Active => _active ?? throw new InvalidOperationException("Signing keys are not loaded yet.");

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // One statement: of replicas starting together, exactly one inserts a key.
        await connection.ExecuteAsync(
            """
            INSERT INTO signing_keys (kid, private_key, created_at)
            SELECT @Kid, @PrivateKey, @CreatedAt
            WHERE NOT EXISTS (SELECT 1 FROM signing_keys WHERE retired_at IS NULL)
            """,
            new { Kid = Guid.CreateVersion7().ToString("N"), PrivateKey = Convert.ToBase64String(fresh.ExportPkcs8PrivateKey()), CreatedAt = clock.GetUtcNow() });
        var row = await connection.QuerySingleAsync<(string Kid, string PrivateKey)>(
            "SELECT kid AS Kid, private_key AS PrivateKey FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at LIMIT 1");

        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(row.PrivateKey), out _);
        _active = new SecurityKeyPair(row.Kid, ecdsa);
    }
}

internal sealed class SecurityKeyPair(string kid, ECDsa key)
{
    public string Kid { get; } = kid;

    public SigningCredentials SigningCredentials { get; } =
        new(new ECDsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256);

    /// <summary>The public half, as published in the JWKS.</summary>
    public ECDsaSecurityKey PublicKey { get; } =
        new(ECDsa.Create(key.ExportParameters(includePrivateParameters: false))) { KeyId = kid };
}
