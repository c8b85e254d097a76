using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bazaar.Catalog.Categories;

internal sealed class CategoryRepository(Database database)
{
    public async Task<IReadOnlyList<Category>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var categories = await connection.QueryAsync<Category>(new CommandDefinition(
            "SELECT id AS Id, name AS Name, slug AS Slug, parent_id AS ParentId FROM categories ORDER BY name, id",
            cancellationToken: cancellationToken));
        return categories.AsList();
    }

    public async Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM categories WHERE id = @id)", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>False when the slug is taken.</summary>
    public async Task<bool> TryAddAsync(Category category, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO categories (id, name, slug, parent_id) VALUES (@Id, @Name, @Slug, @ParentId)", category, cancellationToken: cancellationToken));
            return true;
        }
        catch (SqliteException exception) when (exception.SqliteExtendedErrorCode == 2067)
        {
            return false;
        }
    }
}
