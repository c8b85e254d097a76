namespace Bazaar.Users.Accounts;

internal sealed record Account(Guid Id, string Email, string PasswordHash, string Name, string? Phone, string Role, DateTimeOffset CreatedAt)
{
    /// <summary>Emails compare case-insensitively and without surrounding blanks.</summary>
    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();
}
