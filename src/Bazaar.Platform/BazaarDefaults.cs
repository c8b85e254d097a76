using Microsoft.AspNetCore.Hosting;
using System.Text.Json.Serialization.Metadata;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Discovery;
using Bazaar.Platform.Governance;
using Bazaar.Platform.Health;
using Bazaar.Platform.Lifetime;
using Bazaar.Platform.Logging;
using Bazaar.Platform.OpenApi;
using Bazaar.Platform.Problems;
using Bazaar.Platform.Telemetry;

namespace Bazaar.Platform;

public static class BazaarDefaults
{
    /// <summary>Wires what every Bazaar process shares: JSON-line logs, traces and metrics,
    /// health probes, problem details, JWT validation, service discovery with HttpClients governed
    /// by the traffic policy, load shedding, request limits and graceful shutdown.</summary>
    /// <param name="serviceName">The logical service name, e.g. <c>product-service</c>.</param>
    /// <param name="json">The service's source-generated JSON contract.</param>
    public static WebApplicationBuilder AddBazaarDefaults(this WebApplicationBuilder builder, string serviceName, IJsonTypeInfoResolver? json = null)
    {
        // Later pieces (the database file name, telemetry) read the name from configuration.
        builder.Configuration["Bazaar:Service"] ??= serviceName;
        var identity = ServiceIdentity.From(builder.Configuration, serviceName);
        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton(TimeProvider.System);

        builder.AddJsonLineLogging();
        builder.AddBazaarTelemetry(identity);
        builder.AddBazaarHealth();
        builder.AddBazaarProblems();
        builder.AddBazaarGovernance();
        builder.AddBazaarDiscovery();
        builder.AddBazaarAuthentication();
        builder.AddBazaarOpenApi(identity);

        if (json is not null)
        {
            builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, json));
        }

        var maxBodyBytes = builder.Configuration.GetValue<long?>("Bazaar:MaxRequestBodyBytes") ?? 64 * 1024;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = maxBodyBytes;
        });

        if (builder.Configuration.GetValue<bool>("Bazaar:ExitWithParent"))
        {
            builder.Services.AddHostedService<ParentProcessWatch>();
            builder.Services.AddSingleton<IHostLifetime, ParentOwnedLifetime>();
        }
        return builder;
    }

    /// <summary>The middleware and endpoints that go with <see cref="AddBazaarDefaults"/>: problem
    /// details for every error, health probes, /metrics, the OpenAPI document, authentication.</summary>
    public static WebApplication UseBazaarDefaults(this WebApplication app)
    {
        app.UseBazaarProblems();
        app.UseBazaarGovernance();
        app.MapBazaarHealth();
        app.MapPrometheusScrapingEndpoint();
        app.MapOpenApi();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
