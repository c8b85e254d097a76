using Bazaar.Platform.Auth;
using Microsoft.AspNetCore.Identity;

namespace Bazaar.Users.Accounts;

/// <summary>Registration and credential checks. Passwords are hashed with ASP.NET Core Identity's
/// PasswordHasher (PBKDF2, per-password salt, versioned format).</summary>
internal sealed class AccountService(AccountRepository accounts, IPasswordHasher<Account> hasher, TimeProvider clock)
{
    // Verified against when the email is unknown, so both failures cost the same time.
    private static readonly string UnknownAccountHash = new PasswordHasher<Account>().HashPassword(null!, "no such account");

    public async Task<Account?> RegisterAsync(string email, string password, string name, string role, CancellationToken cancellationToken)
    {
        var account = new Account(Guid.CreateVersion7(), Account.NormaliseEmail(email), "", name.Trim(), null, role, clock.GetUtcNow());
        account = account with { PasswordHash = hasher.HashPassword(account, password) };
        return await accounts.TryAddAsync(account, cancellationToken) ? account : null;
    }

    /// <summary>The account when the credentials are right; null for a wrong email and for a wrong
    /// password alike, so the answer does not tell which accounts exist.</summary>
    public async Task<Account?> VerifyAsync(string email, string password, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByEmailAsync(Account.NormaliseEmail(email), cancellationToken);
        var result = hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? UnknownAccountHash, password);
        return account is not null && result != PasswordVerificationResult.Failed ? account : null;
    }

    public static string? PasswordPolicyViolation(string email, string password) =>
        string.Equals(Account.NormaliseEmail(email), password.Trim().ToLowerInvariant(), StringComparison.Ordinal)
            ? "The password must not be the email address."
            : null;

    public static string CustomerRole => Roles.Customer;
}
