using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace Bazaar.Users.Sessions;

/// <summary>Refresh tokens: 32 random bytes, of which only the SHA-256 is stored. Every login
/// starts a family; every refresh uses its token up and issues the next of the same family.
/// A used token presented again means it was stolen (or the client misbehaves): the whole family
/// is revoked, so neither the thief nor the owner can go on with it.</summary>
internal sealed class RefreshTokenStore(Database database, IOptions<UsersOptions> options, TimeProvider clock)
{
    public TimeSpan Lifetime => options.Value.RefreshTokenLifetime;

    /// <summary>A new token of a new family (at login).</summary>
    public async Task<string> StartFamilyAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The user's expired tokens can be told from unknown ones by nobody: drop them here.
        await connection.ExecuteAsync(
            "DELETE FROM refresh_tokens WHERE user_id = @userId AND expires_at <= @now",
            new { userId, now = clock.GetUtcNow(), cancellationToken }, transaction);
        var token = NewToken();
        await connection.ExecuteAsync(InsertSql, Row(token, Guid.CreateVersion7(), userId), transaction);
        await transaction.CommitAsync(cancellationToken);
        return token;
    }

    /// <summary>Uses <paramref name="token"/> up and returns its successor with the user it is for,
    /// or null when the token is unknown, expired, revoked or already used (then the family is revoked).</summary>
    public async Task<(Guid UserId, string Token)?> RotateAsync(string token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = Hash(token);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // One conditional statement: of two requests presenting the same token, one wins.
        var used = await connection.QuerySingleOrDefaultAsync<TokenOwner>(
            """
            UPDATE refresh_tokens SET used_at = @now
            WHERE token_hash = @hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > @now
            RETURNING user_id AS UserId, family_id AS FamilyId
            """,
            new { hash, now, cancellationToken }, transaction);
        if (used is null)
        {
            // Reuse of a rotated token: revoke every token of its login.
            await connection.ExecuteAsync(
                """
                UPDATE refresh_tokens SET revoked_at = @now
                WHERE revoked_at IS NULL
                  AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = @hash AND used_at IS NOT NULL)
                """,
                new { hash, now, cancellationToken }, transaction);
            await transaction.CommitAsync(cancellationToken);
            return null;
        }

        var next = NewToken();
        await connection.ExecuteAsync(InsertSql, Row(next, used.FamilyId, used.UserId), transaction);
        await transaction.CommitAsync(cancellationToken);
        return (used.UserId, next);
    }

    /// <summary>Revokes the family of <paramref name="token"/>; nothing happens for an unknown token.</summary>
    public async Task RevokeFamilyAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            UPDATE refresh_tokens SET revoked_at = @now
            WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = @hash)
            """,
            new { hash = Hash(token), now = clock.GetUtcNow(), cancellationToken });
    }

    private const string InsertSql =
        "INSERT INTO refresh_tokens (token_hash, family_id, user_id, created_at, expires_at) VALUES (@Hash, @FamilyId, @UserId, @CreatedAt, @ExpiresAt)";

    private TokenRow Row(string token, Guid familyId, Guid userId)
    {
        var now = clock.GetUtcNow();
        return new TokenRow(Hash(token), familyId, userId, now, now + Lifetime);
    }

    // Types Dapper.AOT's generated code reads or writes are internal, not private: it lives in another file.
    internal sealed record TokenRow(string Hash, Guid FamilyId, Guid UserId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    internal sealed class TokenOwner
    {
        public required Guid UserId { get; init; }
        public required Guid FamilyId { get; init; }
    }
}
