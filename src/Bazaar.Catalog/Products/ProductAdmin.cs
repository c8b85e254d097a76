using System.Text.Json;
using Bazaar.Catalog.Pricing;
using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bazaar.Catalog.Products;

/// <summary>Writes products for the admin API. A new product, its empty stock row and its first
/// price are one transaction; the search index follows by trigger in the same transaction.</summary>
internal sealed class ProductAdmin(Database database, TimeProvider clock)
{
    /// <summary>False when the SKU is taken.</summary>
    public async Task<bool> TryCreateAsync(Guid id, string sku, ProductEdit product, decimal listPrice, decimal? salePrice, Guid adminId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO products (id, sku, name, brand, description, category_id, image_url, image_urls, attributes, status, created_at)
                VALUES (@id, @sku, @Name, @Brand, @Description, @CategoryId, @ImageUrl, @ImageUrls, @Attributes, @Status, @now)
                """, Parameters(product, new { id, sku, now }), transaction, cancellationToken: cancellationToken));
        }
        catch (SqliteException exception) when (exception.SqliteExtendedErrorCode == 2067)
        {
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inventory (sku, on_hand, reserved) VALUES (@sku, 0, 0)", new { sku }, transaction, cancellationToken: cancellationToken));
        await PriceBook.AddAsync(connection, transaction, new PriceRow
        {
            Sku = sku, ListPrice = listPrice, SalePrice = salePrice, ValidFrom = now, CreatedAt = now, CreatedBy = adminId.ToString(),
        }, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>False when there is no such product.</summary>
    public async Task<bool> UpdateAsync(Guid id, ProductEdit product, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE products SET name = @Name, brand = @Brand, description = @Description, category_id = @CategoryId,
                image_url = @ImageUrl, image_urls = @ImageUrls, attributes = @Attributes, status = @Status
            WHERE id = @id
            """, Parameters(product, new { id }), cancellationToken: cancellationToken)) == 1;
    }

    private static DynamicParameters Parameters(ProductEdit product, object keys)
    {
        var parameters = new DynamicParameters(keys);
        parameters.AddDynamicParams(new
        {
            product.Name, product.Brand, product.Description, product.CategoryId, product.Status,
            ImageUrl = product.ImageUrls.FirstOrDefault(),
            ImageUrls = JsonSerializer.Serialize(product.ImageUrls, CatalogJson.Default.ListString),
            Attributes = JsonSerializer.Serialize(product.Attributes, CatalogJson.Default.DictionaryStringString),
        });
        return parameters;
    }
}
