using System.Globalization;
using System.Text;
using Bazaar.Catalog.Pricing;
using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Catalog.Products;

/// <summary>Reads products joined with their current price and available stock.</summary>
internal sealed class ProductRepository(Database database, TimeProvider clock)
{
    private const string Columns = $"""
        p.id AS Id, p.sku AS Sku, p.name AS Name, p.brand AS Brand, p.description AS Description,
        p.category_id AS CategoryId, p.image_url AS ImageUrl, p.image_urls AS ImageUrls, p.attributes AS Attributes,
        p.status AS Status, p.created_at AS CreatedAt, COALESCE(i.on_hand - i.reserved, 0) AS Available, {CurrentPrice.Columns}
        """;

    private const string From = "FROM products p LEFT JOIN inventory i ON i.sku = p.sku" + CurrentPrice.Join;

    /// <summary>Only the name, brand or description matching the whole query count; a name match
    /// weighs most. The score depends on the product alone (unlike bm25, which moves with every
    /// product added), so a relevance cursor stays valid while the catalog changes.</summary>
    private const string Score = """
        (CASE WHEN p.rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH @NameMatch) THEN 4 ELSE 0 END
         + CASE WHEN p.rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH @BrandMatch) THEN 2 ELSE 0 END
         + CASE WHEN p.rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH @DescriptionMatch) THEN 1 ELSE 0 END)
        """;

    /// <summary>One page of active, priced products matching <paramref name="query"/> in its sort
    /// order after <see cref="ProductQuery.After"/>; one row more than the limit is read to know
    /// whether another page follows. Sorting and filtering by price use <c>current_prices</c>
    /// (see <see cref="PriceIndex"/>), brought up to this instant first; the price shown is computed
    /// live for the rows returned, at the same instant, so both agree. <c>PricesChangeAt</c> is when
    /// the page may next differ because a price window opens or closes.</summary>
    public async Task<(IReadOnlyList<ProductRow> Rows, bool More, DateTimeOffset? PricesChangeAt)> PageAsync(
        ProductQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (sql, parameters) = PageCommand(query, now);
        await using var connection = await database.OpenAsync(cancellationToken);
        // Otherwise, until the refresher's next tick, a product whose window just closed would still
        // be sorted and filtered by its old price, and listed at 0.00 when no other price applies.
        await PriceIndex.RefreshDueAsync(connection, now, cancellationToken);
        var rows = (await connection.QueryAsync<ProductRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
        var pricesChangeAt = await PriceBook.NextChangeAsync(connection, now, cancellationToken);

        var more = rows.Count > query.Limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        return (rows, more, pricesChangeAt);
    }

    /// <summary>The statement and parameters of one page (separate so its query plan can be checked).</summary>
    public static (string Sql, object Parameters) PageCommand(ProductQuery query, DateTimeOffset now)
    {
        var searching = query.Terms.Count > 0;
        var score = searching ? Score : "0";
        var sql = new StringBuilder();
        if (query.CategoryId is not null)
        {
            sql.Append("""
                WITH RECURSIVE subtree(id) AS (
                    SELECT @CategoryId UNION SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id)
                """).Append('\n');
        }
        // A price sort walks the price index in order (CROSS JOIN keeps it the outer loop); the
        // other sorts walk a products index and look the price up. The inner query picks the page
        // by its keys alone; the outer one reads the columns (and the live price) of those rows only.
        var tables = query.Sort is ProductSort.PriceAsc or ProductSort.PriceDesc
            ? "FROM current_prices cur CROSS JOIN products p ON p.id = cur.product_id"
            : "FROM products p JOIN current_prices cur ON cur.sku = p.sku";
        sql.Append("SELECT ").Append(Columns).Append(", page.SortPrice AS SortPrice, page.Score AS Score FROM (SELECT p.id AS Pid, cur.amount AS SortPrice, ")
            .Append(score).Append(" AS Score ").Append(tables)
            .Append(query.InStock ? " JOIN inventory stock ON stock.sku = p.sku" : "")
            .Append(" WHERE p.status = @Active AND cur.amount IS NOT NULL");
        if (searching) sql.Append(" AND p.rowid IN (SELECT rowid FROM products_fts WHERE products_fts MATCH @Match)");
        if (query.CategoryId is not null) sql.Append(" AND p.category_id IN subtree");
        if (query.Brand is not null) sql.Append(" AND p.brand = @Brand COLLATE NOCASE");
        if (query.InStock) sql.Append(" AND stock.on_hand - stock.reserved > 0");
        if (query.MinPrice is not null) sql.Append(" AND cur.amount >= @MinPrice");
        if (query.MaxPrice is not null) sql.Append(" AND cur.amount <= @MaxPrice");
        var (key, id, outerKey, ascending) = query.Sort switch
        {
            ProductSort.Name => ("p.name", "p.id", "p.name", true),
            ProductSort.Relevance => (score, "p.id", "page.Score", false),
            ProductSort.PriceAsc => ("cur.amount", "cur.product_id", "page.SortPrice", true),
            ProductSort.PriceDesc => ("cur.amount", "cur.product_id", "page.SortPrice", false),
            ProductSort.Newest => ("p.created_at", "p.id", "p.created_at", false),
            _ => throw new ArgumentOutOfRangeException(nameof(query)),
        };
        if (query.After is not null) sql.Append(CultureInfo.InvariantCulture, $" AND ({key}, {id}) {(ascending ? ">" : "<")} (@AfterKey, @AfterId)");
        var direction = ascending ? "" : " DESC";
        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY {key}{direction}, {id}{direction} LIMIT @Take) page")
            .Append(" JOIN products p ON p.id = page.Pid LEFT JOIN inventory i ON i.sku = p.sku").Append(CurrentPrice.Join)
            .Append(CultureInfo.InvariantCulture, $" ORDER BY {outerKey}{direction}, p.id{direction}");

        return (sql.ToString(), new
        {
            ProductStatus.Active,
            Now = now,
            query.CategoryId,
            query.Brand,
            MinPrice = (double?)query.MinPrice,
            MaxPrice = (double?)query.MaxPrice,
            Match = searching ? SearchText.Match(query.Terms) : null,
            NameMatch = searching ? SearchText.Match(query.Terms, "name") : null,
            BrandMatch = searching ? SearchText.Match(query.Terms, "brand") : null,
            DescriptionMatch = searching ? SearchText.Match(query.Terms, "description") : null,
            AfterKey = query.After?.SortKey(),
            AfterId = query.After?.Id,
            Take = query.Limit + 1,
        });
    }

    public async Task<ProductRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ProductRow>(new CommandDefinition(
            $"SELECT {Columns} {From} WHERE p.id = @id", new { id, Now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>The products with these SKUs, active or not; unknown SKUs are simply absent.</summary>
    public async Task<IReadOnlyList<ProductRow>> FindBySkusAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ProductRow>(new CommandDefinition(
            $"SELECT {Columns} {From} WHERE p.sku IN @skus ORDER BY p.sku", new { skus, Now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}

/// <summary>A validated listing request; <see cref="Terms"/> is empty when not searching.</summary>
internal sealed record ProductQuery(
    IReadOnlyList<string> Terms, Guid? CategoryId, string? Brand, decimal? MinPrice, decimal? MaxPrice, bool InStock,
    ProductSort Sort, int Limit, ProductCursor? After);

/// <summary>Where the page continues: the cursor of its last row in <paramref name="sort"/>.</summary>
internal static class ProductRowCursor
{
    public static ProductCursor CursorFor(this ProductRow row, ProductSort sort) => new(sort, sort switch
    {
        ProductSort.Name => row.Name,
        ProductSort.Relevance => row.Score.ToString(CultureInfo.InvariantCulture),
        ProductSort.PriceAsc or ProductSort.PriceDesc => row.SortPrice.ToString("R", CultureInfo.InvariantCulture),
        ProductSort.Newest => row.CreatedAt,
        _ => throw new ArgumentOutOfRangeException(nameof(sort)),
    }, row.Id);
}
