using System.Data.Common;
using System.Text.Json;
using Bazaar.Catalog.Pricing;
using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Catalog.Seeding;

/// <summary>Writes categories, products, their stock and their first price, in transactions of
/// <see cref="BatchSize"/> products (a transaction per batch keeps other writers waiting briefly).</summary>
internal sealed class CatalogWriter(Database database, TimeProvider clock)
{
    public const int BatchSize = 1000;

    /// <summary>True unless a catalog is in place: a finished seed, or products that no seed wrote.</summary>
    public async Task<bool> NeedsSeedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            SELECT CASE (SELECT state FROM catalog_seed WHERE id = 1)
                WHEN 'done' THEN 0 WHEN 'writing' THEN 1
                ELSE NOT EXISTS (SELECT 1 FROM products) END
            """, cancellationToken: cancellationToken));
    }

    /// <summary>Writes the sample catalog, or the rest of one a crash interrupted; false when there
    /// was nothing to do (a catalog already in place, seeded or not). The start (progress marker
    /// and categories) is one transaction and every batch of products another, each written only
    /// if its first product is missing, so replicas starting together, or one restarted midway,
    /// never write a product twice and always finish the whole catalog.</summary>
    public async Task<bool> SeedAsync(SampleCatalog catalog, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // A bulk load touches every index (six on products, the search index, prices, stock) all
        // over a file that grows to 150 MB: with SQLite's default 2 MB page cache each batch re-read
        // more of it than the last (100,000 products took 197 s; with 128 MB, 32 s). The connection
        // goes back to the pool afterwards, so it gets the default back.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA cache_size = -131072", cancellationToken: cancellationToken));
        try
        {
            return await WriteAsync(connection, catalog, cancellationToken);
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA cache_size = -2000", cancellationToken: CancellationToken.None));
        }
    }

    private async Task<bool> WriteAsync(DbConnection connection, SampleCatalog catalog, CancellationToken cancellationToken)
    {
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var state = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT state FROM catalog_seed WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken));
            if (state == SeedDone) return false;
            if (state is null)
            {
                if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "SELECT EXISTS (SELECT 1 FROM products)", transaction: transaction, cancellationToken: cancellationToken)))
                {
                    return false;
                }
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO catalog_seed (id, state) VALUES (1, @SeedWriting)", new { SeedWriting }, transaction, cancellationToken: cancellationToken));
                await InsertCategoriesAsync(connection, transaction, catalog, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var batch in catalog.Products.Chunk(BatchSize))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM products WHERE sku = @Sku)", new { batch[0].Sku }, transaction, cancellationToken: cancellationToken)))
            {
                await InsertProductsAsync(connection, transaction, batch, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE catalog_seed SET state = @SeedDone WHERE id = 1", new { SeedDone }, cancellationToken: cancellationToken));
        return true;
    }

    private const string SeedWriting = "writing";
    private const string SeedDone = "done";

    /// <summary>Refreshes the query planner's statistics, so that after a bulk load it picks the
    /// selective index (a brand, a category) over the one that merely avoids a sort.</summary>
    public async Task AnalyzeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("ANALYZE", commandType: System.Data.CommandType.Text, cancellationToken: cancellationToken));
    }

    public async Task AddAsync(SampleCatalog catalog, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertCategoriesAsync(connection, transaction, catalog, cancellationToken);
        await InsertProductsAsync(connection, transaction, catalog.Products, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static Task InsertCategoriesAsync(DbConnection connection, DbTransaction transaction, SampleCatalog catalog, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO categories (id, name, slug, parent_id) VALUES (@Id, @Name, @Slug, @ParentId)",
            catalog.Categories, transaction, cancellationToken: cancellationToken));

    private async Task InsertProductsAsync(DbConnection connection, DbTransaction transaction, IEnumerable<NewProduct> batch, CancellationToken cancellationToken)
    {
        var products = batch as IReadOnlyCollection<NewProduct> ?? [.. batch];
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO products (id, sku, name, brand, description, category_id, image_url, image_urls, attributes, status, created_at)
            VALUES (@Id, @Sku, @Name, @Brand, @Description, @CategoryId, @ImageUrl, @ImageUrls, @Attributes, @Status, @CreatedAt)
            """,
            products.Select(product => new
            {
                product.Id, product.Sku, product.Name, product.Brand, product.Description, product.CategoryId,
                product.ImageUrl, product.Status, product.CreatedAt,
                ImageUrls = JsonSerializer.Serialize(product.ImageUrl is null ? [] : new List<string> { product.ImageUrl }, CatalogJson.Default.ListString),
                Attributes = JsonSerializer.Serialize(product.Attributes, CatalogJson.Default.DictionaryStringString),
            }),
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inventory (sku, on_hand, reserved) VALUES (@Sku, @OnHand, 0)",
            products, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(PriceBook.Insert,
            products.Select(product => new PriceRow
            {
                Sku = product.Sku, ListPrice = product.Price, SalePrice = product.SalePrice, ValidFrom = product.CreatedAt,
                CreatedAt = product.CreatedAt, CreatedBy = "seed",
            }),
            transaction, cancellationToken: cancellationToken));
        await PriceIndex.RefreshAsync(connection, transaction, [.. products.Select(product => product.Sku)], clock.GetUtcNow(), cancellationToken);
    }
}
