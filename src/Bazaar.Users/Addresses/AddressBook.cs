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
        var rows = await connection.QueryAsync<AddressRow>(
            $"SELECT {AddressRow.Columns} FROM addresses WHERE user_id = @userId ORDER BY is_default DESC, created_at, id",
            new { userId, cancellationToken });
        return [.. rows.Select(row => row.ToResponse())];
    }

    /// <summary>The new address; null when the user already has the most allowed.</summary>
    public async Task<AddressResponse?> AddAsync(Guid userId, AddressRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var count = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM addresses WHERE user_id = @userId", new { userId, cancellationToken }, transaction);
        if (count >= MaxAddresses) return null;

        var makeDefault = request.IsDefault || count == 0;
        if (makeDefault)
        {
            await ClearDefaultAsync(connection, transaction, userId, cancellationToken);
        }
        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync(
            """
            INSERT INTO addresses (id, user_id, name, line1, line2, city, postal_code, country, phone, is_default, created_at)
            VALUES (@Id, @UserId, @Name, @Line1, @Line2, @City, @PostalCode, @Country, @Phone, @IsDefault, @Now)
            """,
            AddressWrite.Of(id, userId, request, makeDefault, clock.GetUtcNow()), transaction);
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
        await connection.ExecuteAsync(
            """
            UPDATE addresses SET name = @Name, line1 = @Line1, line2 = @Line2, city = @City, postal_code = @PostalCode,
                country = @Country, phone = @Phone, is_default = MAX(is_default, @IsDefault)
            WHERE id = @Id AND user_id = @UserId
            """,
            AddressWrite.Of(id, userId, request, request.IsDefault, clock.GetUtcNow()), transaction);
        var row = await FindAsync(connection, transaction, userId, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row!.ToResponse();
    }

    /// <summary>False when the user has no address with this id.</summary>
    public async Task<bool> DeleteAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deleted = await connection.ExecuteAsync(
            "DELETE FROM addresses WHERE id = @id AND user_id = @userId", new { id, userId, cancellationToken }, transaction);
        if (deleted == 0) return false;

        await connection.ExecuteAsync(
            """
            UPDATE addresses SET is_default = 1
            WHERE id = (SELECT id FROM addresses WHERE user_id = @userId ORDER BY created_at, id LIMIT 1)
              AND NOT EXISTS (SELECT 1 FROM addresses WHERE user_id = @userId AND is_default = 1)
            """,
            new { userId, cancellationToken }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static Task ClearDefaultAsync(DbConnection connection, DbTransaction transaction, Guid userId, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            "UPDATE addresses SET is_default = 0 WHERE user_id = @userId AND is_default = 1", new { userId, cancellationToken }, transaction);

    private static Task<AddressRow?> FindAsync(DbConnection connection, DbTransaction transaction, Guid userId, Guid id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<AddressRow>(
            $"SELECT {AddressRow.Columns} FROM addresses WHERE id = @id AND user_id = @userId", new { id, userId, cancellationToken }, transaction);

    /// <summary>The columns an add or a replace writes, trimmed and normalised.</summary>
    internal sealed record AddressWrite(Guid Id, Guid UserId, string Name, string Line1, string? Line2, string City, string PostalCode,
        string Country, string? Phone, int IsDefault, DateTimeOffset Now)
    {
        public static AddressWrite Of(Guid id, Guid userId, AddressRequest request, bool isDefault, DateTimeOffset now) => new(
            id, userId, request.Name.Trim(), request.Line1.Trim(), string.IsNullOrWhiteSpace(request.Line2) ? null : request.Line2.Trim(),
            request.City.Trim(), request.PostalCode.Trim(), request.Country.ToUpperInvariant(),
            string.IsNullOrEmpty(request.Phone) ? null : request.Phone, isDefault ? 1 : 0, now);
    }
}
