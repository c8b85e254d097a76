using Bazaar.Catalog.Categories;
using Bazaar.Catalog.Products;
using Bazaar.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Bazaar.Catalog.Tests;

/// <summary>product-service on a fake clock whose product reads can be cut off from the database
/// (<see cref="DatabaseDown"/>): while down, products and categories are read from a database file that
/// cannot be opened, so SQLite itself fails the read. Everything else (seeding, readiness, admin
/// writes) keeps the real database.</summary>
public sealed class StaleCatalogFactory : CatalogFactory
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxStale = TimeSpan.FromMinutes(1);

    private volatile bool _databaseDown;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public bool DatabaseDown { get => _databaseDown; set => _databaseDown = value; }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings(),
        new("Catalog:Cache:Ttl", Ttl.ToString()),
        new("Catalog:Cache:MaxStale", MaxStale.ToString()),
        new("Catalog:Cache:TtlSpread", "0"), // every page fresh for exactly the TTL, for tests that step the clock
        new("Catalog:Reservations:SweepPeriod", "01:00:00"),
        new("Catalog:Prices:RefreshPeriod", "01:00:00"),
    ];

    protected override void ConfigureServices(IServiceCollection services)
    {
        var unreadable = new Database(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(DataDirectory, "unmounted", "product-service.db"),
            Mode = SqliteOpenMode.ReadWrite,
        }.ToString());
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        services.Replace(ServiceDescriptor.Transient(provider =>
            new ProductRepository(DatabaseDown ? unreadable : provider.GetRequiredService<Database>(), Clock)));
        services.Replace(ServiceDescriptor.Transient(provider =>
            new CategoryRepository(DatabaseDown ? unreadable : provider.GetRequiredService<Database>())));
    }
}
