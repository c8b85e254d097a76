using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Bazaar.Testing;

/// <summary>Runs one service in memory on a database of its own in a temporary folder, with tokens
/// from <see cref="Tokens"/>. Use one per test class (IClassFixture) and delete nothing by hand.</summary>
public class ServiceFactory<TProgram> : WebApplicationFactory<TProgram> where TProgram : class
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("bazaar-test-").FullName;

    public TestTokens Tokens { get; } = new();

    /// <summary>Extra configuration for the service under test (<c>Section:Key</c> = value).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Bazaar:DataDir", DataDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in Settings())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IConfigurationManager<OpenIdConnectConfiguration>>(Tokens.KeySet()));
            ConfigureServices(services);
        });
    }

    /// <summary>Replace a service's collaborators (a downstream HttpClient, the clock ...).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    /// <summary>A client that calls as the given user.</summary>
    public HttpClient ClientFor(Guid userId, string role = Bazaar.Platform.Auth.Roles.Customer)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Issue(userId, role));
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        }
    }
}
