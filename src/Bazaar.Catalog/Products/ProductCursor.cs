using System.Buffers.Text;
using System.Text;

namespace Bazaar.Catalog.Products;

/// <summary>Where a page of the listing ended: the sort it belongs to, the sort key of its last
/// product (name, price, creation time or relevance, as invariant text) and that product's id, as
/// an opaque URL-safe string. Keyset pagination stays as fast on page 1,000 as on page 1, and a
/// page boundary does not move when products are added or removed elsewhere.</summary>
internal sealed record ProductCursor(ProductSort Sort, string Key, Guid Id)
{
    public const int MaxLength = 1024;

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Sort.ToQueryValue()}|{Id:D}|{Key}"));

    public static bool TryDecode(string text, out ProductCursor? cursor)
    {
        cursor = null;
        if (text.Length is 0 or > MaxLength) return false;
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(text));
        }
        catch (FormatException)
        {
            return false;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        var parts = decoded.Split('|', 3);
        if (parts.Length != 3 || !ProductSorts.TryParse(parts[0], out var sort) || !Guid.TryParseExact(parts[1], "D", out var id)) return false;
        if (!KeyFits(sort, parts[2])) return false;
        cursor = new ProductCursor(sort, parts[2], id);
        return true;
    }

    /// <summary>The key as the database compares it: a number for relevance and price, else text.</summary>
    public object SortKey() => Sort switch
    {
        ProductSort.Relevance => long.Parse(Key, System.Globalization.CultureInfo.InvariantCulture),
        ProductSort.PriceAsc or ProductSort.PriceDesc => double.Parse(Key, System.Globalization.CultureInfo.InvariantCulture),
        _ => Key,
    };

    /// <summary>A key that cannot be the sort's own is a forged or damaged cursor.</summary>
    private static bool KeyFits(ProductSort sort, string key) => sort switch
    {
        ProductSort.Relevance => long.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _),
        ProductSort.PriceAsc or ProductSort.PriceDesc => double.TryParse(key, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var price) && double.IsFinite(price),
        ProductSort.Newest => DateTimeOffset.TryParse(key, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _),
        _ => true,
    };
}
