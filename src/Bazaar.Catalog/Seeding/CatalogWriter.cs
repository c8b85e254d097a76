using System.Data.Common;
using System.Text.Json;
using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Catalog.Seeding;

/// <summary>Writes categories, products and their stock in one transaction.</summary>
internal sealed class CatalogWriter(Database database)
{
    public async Task<bool> HasProductsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM products)", cancellationToken: cancellationToken));
    }

    /// <summary>Adds the catalog unless products exist; the check and the writes share a
    /// transaction, so replicas starting together seed once.</summary>
    public async Task<bool> AddIfEmptyAsync(SampleCatalog catalog, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM products)", transaction: transaction, cancellationToken: cancellationToken)))
        {
            return false;
        }
        await InsertAsync(connection, transaction, catalog, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task AddAsync(SampleCatalog catalog, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertAsync(connection, transaction, catalog, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, SampleCatalog catalog, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO categories (id, name, slug, parent_id) VALUES (@Id, @Name, @Slug, @ParentId)",
            catalog.Categories, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO products (id, sku, name, brand, description, category_id, price_amount, currency, image_url, attributes, status, created_at)
            VALUES (@Id, @Sku, @Name, @Brand, @Description, @CategoryId, @Price, @Currency, @ImageUrl, @Attributes, @Status, @CreatedAt)
            """,
            catalog.Products.Select(product => new
            {
                product.Id, product.Sku, product.Name, product.Brand, product.Description, product.CategoryId, product.Price,
                product.Currency, product.ImageUrl, product.Status, product.CreatedAt,
                Attributes = JsonSerializer.Serialize(product.Attributes, CatalogJson.Default.DictionaryStringString),
            }),
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inventory (sku, on_hand, reserved) VALUES (@Sku, @OnHand, 0)",
            catalog.Products, transaction, cancellationToken: cancellationToken));
    }
}
