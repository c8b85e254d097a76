using System.Security.Cryptography;
using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Bazaar.Users.Tokens;

/// <summary>The ES256 keys that sign access tokens, shared by every replica through the database.
/// A key is <em>next</em> until its <c>activates_at</c> (published, not yet signing), then
/// <em>active</em> until its <c>retired_at</c> (the activation of its successor), then
/// <em>retired</em>: still published for one access-token lifetime so the tokens it signed keep
/// verifying until they expire, then deleted.</summary>
/// <remarks>Every change is one conditional statement, so replicas racing to rotate create one key.
/// Which key signs is decided from the loaded rows and the clock, so replicas switch at the same
/// instant without coordinating. The private keys live in the service's own database; a
/// production deployment keeps them in a KMS or a Kubernetes secret instead.</remarks>
internal sealed class SigningKeyStore(Database database, IOptions<UsersOptions> options, TimeProvider clock)
{
    private volatile IReadOnlyList<SigningKey> _keys = [];

    /// <summary>The key that signs now.</summary>
    public SigningKey Active
    {
        get
        {
            var now = clock.GetUtcNow();
            return _keys.Where(key => key.ActivatesAt <= now).MaxBy(key => key.ActivatesAt)
                ?? throw new InvalidOperationException("Signing keys are not loaded yet.");
        }
    }

    /// <summary>The keys a validator must know now: next, active, and retired ones whose tokens
    /// may not have expired yet.</summary>
    public IReadOnlyList<SigningKey> Published
    {
        get
        {
            var now = clock.GetUtcNow();
            var lifetime = options.Value.AccessTokenLifetime;
            return [.. _keys.Where(key => key.RetiredAt is not { } retired || retired + lifetime > now)];
        }
    }

    /// <summary>Creates the first key when there is none, then loads the keys.</summary>
    public async Task InitialiseAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var now = clock.GetUtcNow();
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            // Of replicas starting together, exactly one inserts a key.
            await connection.ExecuteAsync(
                """
                INSERT INTO signing_keys (kid, private_key, created_at, activates_at)
                SELECT @Kid, @PrivateKey, @Now, @Now
                WHERE NOT EXISTS (SELECT 1 FROM signing_keys WHERE retired_at IS NULL)
                """,
                new { Kid = NewKid(), PrivateKey = Export(fresh), Now = now, cancellationToken });
        }
        await ReloadAsync(cancellationToken);
    }

    /// <summary>Schedules a successor when the active key has signed for
    /// <see cref="SigningKeyOptions.RotationPeriod"/> less the publish-ahead time (or at once when
    /// <paramref name="force"/>), deletes keys no token can need any more, and reloads.</summary>
    /// <returns>The pending next key, if any.</returns>
    public async Task<SigningKey?> RotateAsync(bool force, CancellationToken cancellationToken)
    {
        var settings = options.Value.Keys;
        var now = clock.GetUtcNow();
        var activatesAt = now + settings.PublishAhead;
        var kid = NewKid();
        using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        await using (var connection = await database.OpenAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            // Only while no successor is pending, and (unless forced) only once the newest key is due.
            var inserted = await connection.ExecuteAsync(
                """
                INSERT INTO signing_keys (kid, private_key, created_at, activates_at)
                SELECT @Kid, @PrivateKey, @Now, @ActivatesAt
                WHERE NOT EXISTS (SELECT 1 FROM signing_keys WHERE activates_at > @Now)
                  AND (@Force OR EXISTS (SELECT 1 FROM signing_keys WHERE retired_at IS NULL AND activates_at <= @DueBefore))
                """,
                new { Kid = kid, PrivateKey = Export(fresh), Now = now, ActivatesAt = activatesAt, Force = force, DueBefore = now - (settings.RotationPeriod - settings.PublishAhead), cancellationToken },
                transaction);
            if (inserted == 1)
            {
                await connection.ExecuteAsync(
                    "UPDATE signing_keys SET retired_at = @ActivatesAt WHERE retired_at IS NULL AND kid <> @Kid",
                    new { Kid = kid, ActivatesAt = activatesAt, cancellationToken }, transaction);
            }
            await connection.ExecuteAsync(
                "DELETE FROM signing_keys WHERE retired_at <= @Cutoff",
                new { Cutoff = now - options.Value.AccessTokenLifetime, cancellationToken }, transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        await ReloadAsync(cancellationToken);
        return _keys.Where(key => key.ActivatesAt > now).MaxBy(key => key.ActivatesAt);
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SigningKeyRow>(
            "SELECT kid AS Kid, private_key AS PrivateKey, activates_at AS ActivatesAt, retired_at AS RetiredAt FROM signing_keys", new { cancellationToken });
        var loaded = _keys.ToDictionary(key => key.Kid);
        _keys = [.. rows.Select(row => loaded.TryGetValue(row.Kid, out var known) && known.RetiredAt == row.RetiredAt
            ? known
            : SigningKey.Import(row.Kid, row.PrivateKey, row.ActivatesAt, row.RetiredAt))];
    }

    private static string NewKid() => Guid.CreateVersion7().ToString("N");

    private static string Export(ECDsa key) => Convert.ToBase64String(key.ExportPkcs8PrivateKey());

    internal sealed class SigningKeyRow
    {
        public required string Kid { get; init; }
        public required string PrivateKey { get; init; }
        public required DateTimeOffset ActivatesAt { get; init; }
        public DateTimeOffset? RetiredAt { get; init; }
    }
}
