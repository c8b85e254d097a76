using System.Text;
using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Catalog.Products;

/// <summary>Reads products joined with their available stock.</summary>
internal sealed class ProductRepository(Database database)
{
    private const string Select = """
        SELECT p.id AS Id, p.sku AS Sku, p.name AS Name, p.brand AS Brand, p.description AS Description,
               p.category_id AS CategoryId, p.price_amount AS PriceAmount, p.currency AS Currency,
               p.image_url AS ImageUrl, p.attributes AS Attributes, p.status AS Status,
               COALESCE(i.on_hand - i.reserved, 0) AS Available
        FROM products p LEFT JOIN inventory i ON i.sku = p.sku
        """;

    /// <summary>Active products in (name, id) order after <see cref="ProductQuery.After"/>; one row
    /// more than the limit is read to know whether another page follows.</summary>
    public async Task<(IReadOnlyList<ProductRow> Rows, bool More)> PageAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder(Select).Append(" WHERE p.status = @Active");
        if (query.CategoryId is not null) sql.Append(" AND p.category_id = @CategoryId");
        if (query.Text is not null) sql.Append(@" AND p.name LIKE @Pattern ESCAPE '\'");
        if (query.After is not null) sql.Append(" AND (p.name, p.id) > (@AfterName, @AfterId)");
        sql.Append(" ORDER BY p.name, p.id LIMIT @Take");

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ProductRow>(new CommandDefinition(sql.ToString(), new
        {
            ProductStatus.Active,
            query.CategoryId,
            Pattern = query.Text is null ? null : "%" + EscapeLike(query.Text) + "%",
            AfterName = query.After?.Name,
            AfterId = query.After?.Id,
            Take = query.Limit + 1,
        }, cancellationToken: cancellationToken))).AsList();

        var more = rows.Count > query.Limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        return (rows, more);
    }

    public async Task<ProductRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ProductRow>(new CommandDefinition(
            Select + " WHERE p.id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>The products with these SKUs, active or not; unknown SKUs are simply absent.</summary>
    public async Task<IReadOnlyList<ProductRow>> FindBySkusAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ProductRow>(new CommandDefinition(
            Select + " WHERE p.sku IN @skus ORDER BY p.sku", new { skus }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}

internal sealed record ProductQuery(Guid? CategoryId, string? Text, int Limit, ProductCursor? After);
