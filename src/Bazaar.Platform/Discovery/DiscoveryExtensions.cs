using Bazaar.Platform.Governance.Calls;

namespace Bazaar.Platform.Discovery;

internal static class DiscoveryExtensions
{
    /// <summary>Logical names (<c>http://product-service</c>) resolve through service discovery.
    /// Locally the Host writes the ready replicas into the file named by <c>Bazaar:EndpointsFile</c>
    /// as <c>Services:&lt;name&gt;:http</c> entries, and a change reloads within a second; in a
    /// cluster the name passes through to DNS. Every HttpClient sends through
    /// <see cref="GovernedHandler"/>, which picks the replica and applies the traffic policy.</summary>
    public static void AddBazaarDiscovery(this WebApplicationBuilder builder)
    {
        var endpointsFile = builder.Configuration["Bazaar:EndpointsFile"];
        if (!string.IsNullOrWhiteSpace(endpointsFile))
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(endpointsFile), optional: true, reloadOnChange: true);
            // Under the Host, the file is the whole truth: a name it does not list has no ready
            // replica, and must not fall through to a DNS lookup that leaves the machine.
            builder.Services.AddServiceDiscoveryCore().AddConfigurationServiceEndpointProvider();
        }
        else
        {
            builder.Services.AddServiceDiscovery();
        }
        builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<GovernedHandler>());
    }
}
