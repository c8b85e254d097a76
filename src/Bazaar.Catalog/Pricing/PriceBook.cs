using System.Data.Common;
using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Catalog.Pricing;

/// <summary>The append-only history of prices per SKU.</summary>
internal sealed class PriceBook(Database database, TimeProvider clock)
{
    public const string Insert = """
        INSERT INTO prices (sku, list_price, sale_price, valid_from, valid_to, created_at, created_by)
        VALUES (@Sku, @ListPrice, @SalePrice, @ValidFrom, @ValidTo, @CreatedAt, @CreatedBy)
        """;

    /// <summary>Adds the row and recomputes the SKU's entry in <see cref="PriceIndex"/>, in the caller's transaction.</summary>
    public static async Task AddAsync(DbConnection connection, DbTransaction transaction, PriceRow row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(Insert, row, transaction, cancellationToken: cancellationToken));
        await PriceIndex.RefreshAsync(connection, transaction, [row.Sku], now, cancellationToken);
    }

    public async Task AddAsync(PriceRow row, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await AddAsync(connection, transaction, row, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The first moment after <paramref name="now"/> at which any price window opens or
    /// closes: until then every current price stays what it is at <paramref name="now"/> (only a new
    /// price row can change one, and admin writes drop cached pages themselves). Null when no window
    /// boundary lies ahead. Read from the price rows, not from <see cref="PriceIndex"/>, which a
    /// refresher may have moved past <paramref name="now"/> already.</summary>
    public static async Task<DateTimeOffset?> NextChangeAsync(DbConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var next = await connection.ExecuteScalarAsync<string?>(new CommandDefinition("""
            SELECT MIN(boundary) FROM (
                SELECT MIN(valid_from) AS boundary FROM prices WHERE valid_from > @now
                UNION ALL SELECT MIN(valid_to) FROM prices WHERE valid_to > @now)
            """, new { now }, cancellationToken: cancellationToken));
        return next is null ? null : DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc cref="NextChangeAsync(DbConnection, DateTimeOffset, CancellationToken)"/>
    public async Task<DateTimeOffset?> NextChangeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await NextChangeAsync(connection, now, cancellationToken);
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<PriceRow>> HistoryAsync(string sku, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PriceRow>(new CommandDefinition("""
            SELECT sku AS Sku, list_price AS ListPrice, sale_price AS SalePrice, valid_from AS ValidFrom, valid_to AS ValidTo,
                   created_at AS CreatedAt, created_by AS CreatedBy
            FROM prices WHERE sku = @sku ORDER BY seq DESC
            """, new { sku }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>The price charged for <paramref name="sku"/> at <paramref name="at"/>, by the one
    /// definition in <see cref="CurrentPrice"/>; null when none applies.</summary>
    public async Task<decimal?> CurrentAsync(string sku, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var amount = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            $"SELECT {CurrentPrice.Amount} FROM products p {CurrentPrice.Join} WHERE p.sku = @sku",
            new { sku, Now = at }, cancellationToken: cancellationToken));
        return amount is null ? null : decimal.Parse(amount, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>A price row as stored.</summary>
internal sealed class PriceRow
{
    public required string Sku { get; init; }
    public required decimal ListPrice { get; init; }
    public decimal? SalePrice { get; init; }
    public required DateTimeOffset ValidFrom { get; init; }
    public DateTimeOffset? ValidTo { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }

    public PriceEntry ToEntry(string currency) => new(new(ListPrice, currency), SalePrice is { } sale ? new(sale, currency) : null,
        ValidFrom, ValidTo, CreatedAt, CreatedBy);
}
