using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bazaar.Platform.Telemetry;

internal static class TelemetryExtensions
{
    /// <summary>Meters and activity sources of Bazaar's own code start with this prefix.</summary>
    public const string BazaarInstrumentationPrefix = "Bazaar.";

    public static void AddBazaarTelemetry(this WebApplicationBuilder builder, ServiceIdentity identity)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(identity.Service, serviceInstanceId: identity.Replica))
            .WithTracing(tracing => tracing
                .AddSource(BazaarInstrumentationPrefix + "*")
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsInfrastructurePath(context.Request.Path))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(BazaarInstrumentationPrefix + "*")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("System.Runtime")
                .AddPrometheusExporter());

        // Traces leave the process only when a collector is configured (OTEL_EXPORTER_OTLP_ENDPOINT);
        // without one, spans still exist so trace ids reach logs and traceparent reaches callees.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }

    public static bool IsInfrastructurePath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
