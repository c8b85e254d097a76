namespace Bazaar.Catalog.Categories;

/// <summary>A node of the category tree; <see cref="ParentId"/> is null at the top.</summary>
public sealed record Category(Guid Id, string Name, string Slug, Guid? ParentId)
{
    /// <summary>The URL-safe form of a name: lower-case letters and digits joined by single dashes.</summary>
    public static string Slugify(string name)
    {
        var words = name.ToLowerInvariant().Split(c => !char.IsAsciiLetterOrDigit(c));
        return string.Join('-', words.Where(word => word.Length > 0));
    }
}
