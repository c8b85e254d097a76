using Bazaar.Platform.Data;
using Dapper;

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
}
