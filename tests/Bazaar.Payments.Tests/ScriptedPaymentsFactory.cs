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

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Payments:SlowCardDelay", "00:01:00"),
        new("Payments:Sweeper:Interval", "01:00:00"),
        new("Payments:Sweeper:PendingAfter", "00:00:30"),
    ];

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        services.Replace(ServiceDescriptor.Singleton<IPaymentProvider>(provider => new ScriptedProvider(
            new SimulatedPaymentProvider(provider.GetRequiredService<IOptions<SimulatedProviderOptions>>(), Clock))));
    }

    public Task<int> SweepAsync() => Services.GetRequiredService<PendingSweeper>().SweepAsync(TestContext.Current.CancellationToken);
}
