using System.Globalization;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Bazaar.Platform.Tests;

/// <summary>The generated validators check what the attributes say, without reflection.</summary>
public sealed class ValidatedOptionsTests
{
    [Theory]
    [InlineData("00:00:01", true)]
    [InlineData("00:05:00", true)]
    [InlineData("00:00:00.999", false)]
    [InlineData("00:05:00.001", false)]
    public void A_timespan_setting_must_lie_within_its_bounds(string timeout, bool valid)
    {
        var result = new ShutdownOptionsValidator().Validate(null, new ShutdownOptions { Timeout = TimeSpan.Parse(timeout, CultureInfo.InvariantCulture) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid) Assert.Contains("Timeout", result.FailureMessage, StringComparison.Ordinal);
        if (!valid) Assert.Contains("00:00:01 and 00:05:00", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_and_url_rules_are_checked_too()
    {
        var result = new BazaarAuthOptionsValidator().Validate(null, new BazaarAuthOptions { Issuer = "", JwksUrl = "not a url" });

        Assert.True(result.Failed);
        Assert.Contains("Issuer", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("JwksUrl", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_setting_stops_the_service_at_start()
    {
        var services = new ServiceCollection();
        services.AddOptions<ShutdownOptions>().Configure(options => options.DrainDelay = TimeSpan.FromMinutes(2))
            .ValidateOnStartWith<ShutdownOptions, ShutdownOptionsValidator>();
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ShutdownOptions>>().Value);

        Assert.Contains("DrainDelay", failure.Message, StringComparison.Ordinal);
    }
}
