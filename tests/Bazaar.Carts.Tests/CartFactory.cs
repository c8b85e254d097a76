using Bazaar.Carts.ProductCatalog;
using Bazaar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bazaar.Carts.Tests;

/// <summary>cart-service on its own database, with <see cref="Catalog"/> in place of product-service.</summary>
public class CartFactory : ServiceFactory<Program>
{
    public const int MaxLines = 5;

    public FakeCatalog Catalog { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [new("Carts:MaxLines", MaxLines.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IProductCatalog>(Catalog));
}
