using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Host.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Bazaar.Host.Tests;

public sealed class OptionsValidationTests
{
    private static readonly string HostSettings = Path.Combine(Support.Artifacts.FolderOf("Bazaar.Host"), "appsettings.json");

    private static IReadOnlyList<string> Failures(BazaarHostOptions options)
    {
        var result = new BazaarHostOptionsValidator().Validate(null, options);
        return result.Failed ? [.. result.Failures] : [];
    }

    private static BazaarHostOptions Bind(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(HostSettings)
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create("Bazaar:" + setting.Key, setting.Value)))
            .Build();
        return configuration.GetSection(BazaarHostOptions.SectionName).Get<BazaarHostOptions>()!;
    }

    [Fact]
    public void The_defaults_are_valid_and_run_the_whole_shop()
    {
        var options = new BazaarHostOptions();

        Assert.Empty(Failures(options));
        Assert.Equal(".bazaar", options.DataDir);
        Assert.Equal(8080, options.Gateway.Port);
        Assert.Equal(0, options.Host.Port);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["gateway"] = "Bazaar.Gateway",
                ["user-service"] = "Bazaar.Users",
                ["product-service"] = "Bazaar.Catalog",
                ["cart-service"] = "Bazaar.Carts",
                ["order-service"] = "Bazaar.Orders",
                ["payment-service"] = "Bazaar.Payments",
                ["recommendation-service"] = "Bazaar.Recommendations",
            },
            options.Services.ToDictionary(service => service.Key, service => service.Value.Project));
        Assert.All(options.Services.Values, service => Assert.Equal(1, service.Replicas));
        Assert.Equal((0.5, 1, 3), (options.Probes.Readiness.PeriodSeconds, options.Probes.Readiness.TimeoutSeconds, options.Probes.Readiness.FailureThreshold));
        Assert.Equal((2, 1, 3), (options.Probes.Liveness.PeriodSeconds, options.Probes.Liveness.TimeoutSeconds, options.Probes.Liveness.FailureThreshold));
        Assert.Equal((1, 30, 60), (options.BackOff.InitialSeconds, options.BackOff.MaxSeconds, options.BackOff.ResetAfterSeconds));
        Assert.Equal(RestartPolicy.Always, options.RestartPolicy);
    }

    [Fact]
    public void The_shipped_appsettings_says_what_the_defaults_say()
    {
        var json = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } };
        var defaults = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new { Bazaar = new BazaarHostOptions() }, json)))
            .Build();
        var shipped = new ConfigurationBuilder().AddJsonFile(HostSettings).Build();

        Assert.Equal(Settings(defaults), Settings(shipped));
        Assert.Empty(Failures(Bind()));

        static IEnumerable<KeyValuePair<string, string>> Settings(IConfiguration configuration) =>
            configuration.GetSection(BazaarHostOptions.SectionName).AsEnumerable(makePathsRelative: true)
                .Where(setting => !string.IsNullOrEmpty(setting.Value))
                .Select(setting => KeyValuePair.Create(setting.Key.ToUpperInvariant(), setting.Value!))
                .OrderBy(setting => setting.Key, StringComparer.Ordinal);
    }

    [Fact]
    public void Overriding_one_service_keeps_the_others_and_its_project()
    {
        var options = Bind(("Services:gateway:Replicas", "0"), ("Services:product-service:Replicas", "3"));

        Assert.Equal(0, options.Services["gateway"].Replicas);
        Assert.Equal("Bazaar.Gateway", options.Services["gateway"].Project);
        Assert.Equal(3, options.Services["product-service"].Replicas);
        Assert.Equal(7, options.Services.Count);
    }

    [Theory]
    [InlineData("Gateway:Port", "70000", "Bazaar:Gateway:Port")]
    [InlineData("Gateway:Port", "-1", "Bazaar:Gateway:Port")]
    [InlineData("Host:Port", "65536", "Bazaar:Host:Port")]
    [InlineData("Host:Port", "8080", "Bazaar:Host:Port must differ from Bazaar:Gateway:Port")]
    [InlineData("DataDir", " ", "Bazaar:DataDir")]
    [InlineData("Services:user-service:Replicas", "-1", "Bazaar:Services:user-service:Replicas")]
    [InlineData("Services:user-service:Project", "", "Bazaar:Services:user-service:Project")]
    [InlineData("Services:User_Service:Project", "Bazaar.Users", "Bazaar:Services:User_Service must be a DNS label")]
    [InlineData("Probes:Readiness:PeriodSeconds", "0", "Bazaar:Probes:Readiness:PeriodSeconds")]
    [InlineData("Probes:Liveness:TimeoutSeconds", "-1", "Bazaar:Probes:Liveness:TimeoutSeconds")]
    [InlineData("Probes:Liveness:FailureThreshold", "0", "Bazaar:Probes:Liveness:FailureThreshold")]
    [InlineData("Probes:Startup:FailureThreshold", "0", "Bazaar:Probes:Startup:FailureThreshold")]
    [InlineData("BackOff:InitialSeconds", "0", "Bazaar:BackOff:InitialSeconds")]
    [InlineData("BackOff:MaxSeconds", "0.5", "Bazaar:BackOff:MaxSeconds")]
    [InlineData("TerminationGracePeriodSeconds", "301", "Bazaar:TerminationGracePeriodSeconds")]
    [InlineData("PreStopSleepSeconds", "-1", "Bazaar:PreStopSleepSeconds")]
    [InlineData("Autoscaler:SyncPeriodSeconds", "0", "Bazaar:Autoscaler:SyncPeriodSeconds")]
    [InlineData("Services:user-service:CpuRequestMillicores", "0", "Bazaar:Services:user-service:CpuRequestMillicores")]
    [InlineData("Services:gateway:Autoscaling:MaxReplicas", "3", "Bazaar:Services:gateway:Autoscaling cannot be set on the gateway")]
    [InlineData("Services:product-service:Autoscaling:MaxReplicas", "0", "Bazaar:Services:product-service:Autoscaling: minReplicas (1) must not be greater than maxReplicas (0)")]
    [InlineData("Services:product-service:Autoscaling:MaxReplicas", "65", "Bazaar:Services:product-service:Autoscaling:MaxReplicas must be at most 64")]
    public void A_bad_value_is_named_in_one_line(string key, string value, string expected)
    {
        var failures = Failures(Bind((key, value)));

        var failure = Assert.Single(failures);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure);
    }

    [Theory]
    [InlineData("0", "the target CPU utilisation must be between 1 and 100% (was 0%)")]
    [InlineData("150", "the target CPU utilisation must be between 1 and 100% (was 150%)")]
    public void An_autoscaling_target_outside_1_to_100_percent_is_refused(string target, string expected)
    {
        var failure = Assert.Single(Failures(Bind(
            ("Services:product-service:Autoscaling:MaxReplicas", "3"),
            ("Services:product-service:Autoscaling:TargetCpuUtilizationPercent", target))));

        Assert.Equal($"Bazaar:Services:product-service:Autoscaling: {expected}.", failure);
    }

    [Fact]
    public async Task The_host_validates_its_settings_before_it_starts_anything()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.AddControlPlane();
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create<string, string?>("Bazaar:Gateway:Port", "70000")]);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = builder.Build();
            await app.StartAsync(TestContext.Current.CancellationToken);
        });

        Assert.StartsWith("Bazaar:Gateway:Port must be a TCP port", StartupFailure.Describe(failure), StringComparison.Ordinal);
    }
}
