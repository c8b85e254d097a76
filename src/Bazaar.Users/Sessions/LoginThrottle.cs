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
        var oldest = await connection.QuerySingleOrDefaultAsync<DateTimeOffset?>(new CommandDefinition(
            """
            SELECT failed_at FROM login_failures
            WHERE email = @normalisedEmail AND failed_at > @since
            ORDER BY failed_at DESC LIMIT 1 OFFSET @skip
            """,
            new { normalisedEmail, since = now - lockout.Window, skip = lockout.MaxFailures - 1 }, transaction, cancellationToken: cancellationToken));
        if (oldest is { } failedAt)
        {
            return failedAt + lockout.Window - now;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO login_failures (id, email, failed_at) VALUES (@id, @normalisedEmail, @now)",
            new { id = Guid.CreateVersion7(), normalisedEmail, now }, transaction, cancellationToken: cancellationToken));
        // Failures older than the window count for nobody any more.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM login_failures WHERE failed_at <= @since",
            new { since = now - lockout.Window }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public async Task ClearAsync(string normalisedEmail, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM login_failures WHERE email = @normalisedEmail", new { normalisedEmail }, cancellationToken: cancellationToken));
    }
}
