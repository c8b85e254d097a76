using System.Buffers.Text;
using System.Text;

namespace Bazaar.Catalog.Products;

/// <summary>Where a page of the listing ended: the (name, id) of its last product, as an opaque
/// URL-safe string. Keyset pagination stays as fast on page 1,000 as on page 1.</summary>
internal sealed record ProductCursor(string Name, Guid Id)
{
    public const int MaxLength = 1024;

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Id.ToString("D") + ":" + Name));

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
        if (decoded.Length < 37 || decoded[36] != ':' || !Guid.TryParseExact(decoded.AsSpan(0, 36), "D", out var id)) return false;
        cursor = new ProductCursor(decoded[37..], id);
        return true;
    }
}
