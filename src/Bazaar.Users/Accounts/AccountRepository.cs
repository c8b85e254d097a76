using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bazaar.Users.Accounts;

internal sealed class AccountRepository(Database database)
{
    private const string Columns = "id AS Id, email AS Email, password_hash AS PasswordHash, name AS Name, phone AS Phone, role AS Role, created_at AS CreatedAt";

    /// <summary>Adds the account; false when the email is already taken (the unique index decides,
    /// so two concurrent registrations cannot both win).</summary>
    public async Task<bool> TryAddAsync(Account account, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(
                "INSERT INTO accounts (id, email, password_hash, name, phone, role, created_at) VALUES (@Id, @Email, @PasswordHash, @Name, @Phone, @Role, @CreatedAt)",
                account);
            return true;
        }
        catch (SqliteException exception) when (exception.SqliteExtendedErrorCode == 2067) // SQLITE_CONSTRAINT_UNIQUE
        {
            return false;
        }
    }

    public async Task<Account?> FindByEmailAsync(string normalisedEmail, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Account>(
            $"SELECT {Columns} FROM accounts WHERE email = @normalisedEmail", new { normalisedEmail, cancellationToken });
    }

    public async Task<Account?> FindByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Account>(
            $"SELECT {Columns} FROM accounts WHERE id = @id", new { id, cancellationToken });
    }

    /// <summary>Sets the name and phone; null when the account does not exist.</summary>
    public async Task<Account?> UpdateProfileAsync(Guid id, string name, string? phone, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Account>(
            $"UPDATE accounts SET name = @name, phone = @phone WHERE id = @id RETURNING {Columns}",
            new { id, name, phone, cancellationToken });
    }
}
