namespace Bazaar.Users.Addresses;

/// <summary>An address as stored (mapped by property: <c>is_default</c> is an integer column).</summary>
internal sealed class AddressRow
{
    public const string Columns =
        "id AS Id, name AS Name, line1 AS Line1, line2 AS Line2, city AS City, postal_code AS PostalCode, country AS Country, phone AS Phone, is_default AS IsDefault";

    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Line1 { get; init; }
    public string? Line2 { get; init; }
    public required string City { get; init; }
    public required string PostalCode { get; init; }
    public required string Country { get; init; }
    public string? Phone { get; init; }
    public required long IsDefault { get; init; }

    public AddressResponse ToResponse() => new(Id, Name, Line1, Line2, City, PostalCode, Country, Phone, IsDefault == 1);
}
