using System.Globalization;
using Bazaar.Payments.Provider;
using Bazaar.Payments.Sweeping;
using Bazaar.Platform.Data;
using Microsoft.Extensions.Options;
using Xunit;

namespace Bazaar.Payments.Tests;

/// <summary>The sweeper must not abandon a payment a live charge may still be working on.</summary>
public sealed class PendingAfterValidationTests
{
    // The platform's SQLite busy timeout is 30 s.
    private static readonly Database Database = new(Database.SqliteConnectionString(Path.GetTempPath(), "payment-service"));

    [Theory]
    [InlineData("00:00:15", "00:00:45", false)] // exactly provider timeout + busy timeout: a charge can still be live
    [InlineData("00:00:15", "00:00:46", true)]
    [InlineData("00:01:00", "00:01:30", false)]
    public void PendingAfter_must_exceed_the_provider_timeout_plus_the_busy_timeout(string providerTimeout, string pendingAfter, bool valid)
    {
        var validator = new PendingAfterValidator(Options.Create(new ProviderCallOptions { Timeout = TimeSpan.Parse(providerTimeout, CultureInfo.InvariantCulture) }), Database);

        var result = validator.Validate(null, new SweeperOptions { PendingAfter = TimeSpan.Parse(pendingAfter, CultureInfo.InvariantCulture) });

        Assert.Equal(valid, result.Succeeded);
    }

    [Fact]
    public void The_defaults_leave_room()
    {
        var validator = new PendingAfterValidator(Options.Create(new ProviderCallOptions()), Database);

        Assert.True(validator.Validate(null, new SweeperOptions()).Succeeded);
    }

    [Fact]
    public void The_service_refuses_to_start_with_a_pending_after_a_charge_can_outlast()
    {
        using var service = new TooEagerSweeperFactory();

        var failure = Assert.ThrowsAny<OptionsValidationException>(() => service.CreateClient());

        Assert.Contains("PendingAfter", failure.Message, StringComparison.Ordinal);
    }

    private sealed class TooEagerSweeperFactory : ServiceFactoryWithDatabase
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Payments:Sweeper:PendingAfter", "00:00:30")];
    }
}
