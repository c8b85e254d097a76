using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace Bazaar.Users.Sessions;

/// <summary>Counts failed logins per email (known or not, so the answer tells nothing about which
/// accounts exist) and refuses further attempts once <see cref="LockoutOptions.MaxFailures"/>
/// fall within <see cref="LockoutOptions.Window"/>.</summary>
internal sealed class LoginThrottle(Database database, IOptions<UsersOptions> options, TimeProvider clock)
{
    /// <summary>Claims one attempt for the email, or answers how long it is locked. The attempt is
    /// counted as a failure before the (slow) password check, in the same transaction as the
    /// check of the limit, so parallel guesses cannot all slip past it; a successful login then
    /// clears the email's failures.</summary>
    public async Task<TimeSpan?> TryClaimAttemptAsync(string normalisedEmail, CancellationToken cancellationToken)
    {
        var lockout = options.Value.Lockout;
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The oldest of the last MaxFailures failures: the lock lifts when it leaves the window.
        var oldest = await connection.QuerySingleOrDefaultAsync<Failure>(
            """
            SELECT failed_at AS FailedAt FROM login_failures
            WHERE email = @normalisedEmail AND failed_at > @since
            ORDER BY failed_at DESC LIMIT 1 OFFSET @skip
            """,
            new { normalisedEmail, since = now - lockout.Window, skip = lockout.MaxFailures - 1, cancellationToken }, transaction);
        if (oldest is not null)
        {
            return oldest.FailedAt + lockout.Window - now;
        }
        await connection.ExecuteAsync(
            "INSERT INTO login_failures (id, email, failed_at) VALUES (@id, @normalisedEmail, @now)",
            new { id = Guid.CreateVersion7(), normalisedEmail, now, cancellationToken }, transaction);
        // Failures older than the window count for nobody any more.
        await connection.ExecuteAsync(
            "DELETE FROM login_failures WHERE failed_at <= @since",
            new { since = now - lockout.Window, cancellationToken }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public async Task ClearAsync(string normalisedEmail, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "DELETE FROM login_failures WHERE email = @normalisedEmail", new { normalisedEmail, cancellationToken });
    }

    // A row, not a bare DateTimeOffset: Dapper.AOT reads a single-value result with Convert, not
    // through the type handler that parses SQLite's time text.
    internal sealed record Failure(DateTimeOffset FailedAt);
}
