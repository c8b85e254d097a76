using System.Text;

namespace Bazaar.Catalog.Categories;

/// <summary>A node of the category tree; <see cref="ParentId"/> is null at the top.</summary>
public sealed record Category(Guid Id, string Name, string Slug, Guid? ParentId)
{
    /// <summary>The URL-safe form of a name: lower-case letters and digits joined by single dashes.</summary>
    public static string Slugify(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        return slug.ToString().TrimEnd('-');
    }
}
