using Bazaar.Payments.Provider;
using Bazaar.Payments.Sweeping;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bazaar.Payments.Tests;

/// <summary>The payment-service on a clock the test moves, with a provider that fails on demand.
/// The sweeper's own period is long: sweeps happen when the test calls <see cref="SweepAsync"/>.</summary>
public sealed class ScriptedPaymentsFactory : ServiceFactoryWithDatabase
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    internal ScriptedProvider Provider => (ScriptedProvider)Services.GetRequiredService<IPaymentProvider>();

    /// <summary>The sweeper's <c>PendingAfter</c>: longer than the provider timeout (1.5 min) plus
    /// SQLite's busy timeout (30 s), as start-up demands.</summary>
    public static readonly TimeSpan PendingAfter = TimeSpan.FromMinutes(2.5);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Payments:SlowCardDelay", "00:01:00"),
        new("Payments:Provider:Timeout", "00:01:30"),
        new("Payments:Sweeper:Interval", "01:00:00"),
        new("Payments:Sweeper:PendingAfter", PendingAfter.ToString()),
    ];

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        services.Replace(ServiceDescriptor.Singleton<IPaymentProvider>(provider => new ScriptedProvider(
            new SimulatedPaymentProvider(provider.GetRequiredService<IOptions<SimulatedProviderOptions>>(), Clock))));
    }

    public Task<int> SweepAsync() => Services.GetRequiredService<PendingSweeper>().SweepAsync(TestContext.Current.CancellationToken);
}
