using System.Data.Common;
using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Users.Addresses;

/// <summary>A user's addresses. Rules: at most <see cref="MaxAddresses"/>; exactly one default
/// while any exist (the first one added is it; making another the default clears the old one in
/// the same transaction; deleting the default promotes the oldest remaining). Every query is
/// scoped by the owner, so another user's address id is simply not found.</summary>
internal sealed class AddressBook(Database database, TimeProvider clock)
{
    public const int MaxAddresses = 20;

    public async Task<IReadOnlyList<AddressResponse>> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AddressRow>(new CommandDefinition(
            $"SELECT {AddressRow.Columns} FROM addresses WHERE user_id = @userId ORDER BY is_default DESC, created_at, id",
            new { userId }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToResponse())];
    }

    /// <summary>The new address; null when the user already has the most allowed.</summary>
    public async Task<AddressResponse?> AddAsync(Guid userId, AddressRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM addresses WHERE user_id = @userId", new { userId }, transaction, cancellationToken: cancellationToken));
        if (count >= MaxAddresses) return null;

        var makeDefault = request.IsDefault || count == 0;
        if (makeDefault)
        {
            await ClearDefaultAsync(connection, transaction, userId, cancellationToken);
        }
        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO addresses (id, user_id, name, line1, line2, city, postal_code, country, phone, is_default, created_at)
            VALUES (@id, @userId, @Name, @Line1, @Line2, @City, @PostalCode, @Country, @Phone, @isDefault, @now)
            """,
            Parameters(request, new { id, userId, isDefault = makeDefault ? 1 : 0, now = clock.GetUtcNow() }), transaction, cancellationToken: cancellationToken));
        var row = await FindAsync(connection, transaction, userId, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row!.ToResponse();
    }

    /// <summary>The replaced address; null when the user has no address with this id.</summary>
    public async Task<AddressResponse?> ReplaceAsync(Guid userId, Guid id, AddressRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await FindAsync(connection, transaction, userId, id, cancellationToken) is null) return null;

        if (request.IsDefault)
        {
            await ClearDefaultAsync(connection, transaction, userId, cancellationToken);
        }
        // is_default only ever turns on here: the default stays until another takes its place.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE addresses SET name = @Name, line1 = @Line1, line2 = @Line2, city = @City, postal_code = @PostalCode,
                country = @Country, phone = @Phone, is_default = MAX(is_default, @isDefault)
            WHERE id = @id AND user_id = @userId
            """,
            Parameters(request, new { id, userId, isDefault = request.IsDefault ? 1 : 0 }), transaction, cancellationToken: cancellationToken));
        var row = await FindAsync(connection, transaction, userId, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row!.ToResponse();
    }

    /// <summary>False when the user has no address with this id.</summary>
    public async Task<bool> DeleteAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM addresses WHERE id = @id AND user_id = @userId", new { id, userId }, transaction, cancellationToken: cancellationToken));
        if (deleted == 0) return false;

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE addresses SET is_default = 1
            WHERE id = (SELECT id FROM addresses WHERE user_id = @userId ORDER BY created_at, id LIMIT 1)
              AND NOT EXISTS (SELECT 1 FROM addresses WHERE user_id = @userId AND is_default = 1)
            """,
            new { userId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static Task ClearDefaultAsync(DbConnection connection, DbTransaction transaction, Guid userId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE addresses SET is_default = 0 WHERE user_id = @userId AND is_default = 1", new { userId }, transaction, cancellationToken: cancellationToken));

    private static Task<AddressRow?> FindAsync(DbConnection connection, DbTransaction transaction, Guid userId, Guid id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<AddressRow>(new CommandDefinition(
            $"SELECT {AddressRow.Columns} FROM addresses WHERE id = @id AND user_id = @userId", new { id, userId }, transaction, cancellationToken: cancellationToken));

    private static DynamicParameters Parameters(AddressRequest request, object keys)
    {
        var parameters = new DynamicParameters(keys);
        parameters.AddDynamicParams(new
        {
            Name = request.Name.Trim(),
            Line1 = request.Line1.Trim(),
            Line2 = string.IsNullOrWhiteSpace(request.Line2) ? null : request.Line2.Trim(),
            City = request.City.Trim(),
            PostalCode = request.PostalCode.Trim(),
            Country = request.Country.ToUpperInvariant(),
            Phone = string.IsNullOrEmpty(request.Phone) ? null : request.Phone,
        });
        return parameters;
    }
}
