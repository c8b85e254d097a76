using Microsoft.Extensions.Http.Resilience;

namespace Bazaar.Platform.Discovery;

internal static class DiscoveryExtensions
{
    /// <summary>Logical names (<c>http://product-service</c>) resolve through service discovery.
    /// Locally the Host writes the ready replicas into the file named by <c>Bazaar:EndpointsFile</c>
    /// as <c>Services:&lt;name&gt;:http</c> entries, and a change reloads within a second; in a
    /// cluster the name passes through to DNS.</summary>
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
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Retry only what is safe to repeat; writes get their own policy where they carry an
            // Idempotency-Key.
            http.AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods());
            // Between the two, so that "no ready replica" is retried like a refused connection.
            http.AddHttpMessageHandler(() => new NoReadyReplicaHandler());
            http.AddServiceDiscovery();
        });
    }
}
