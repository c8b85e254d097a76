using Bazaar.Orders.Saga;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Orders.Tests;

/// <summary>The order-service with a saga runner that looks often and a payment deadline of
/// seconds, so that tests see it resume, give up and compensate without waiting 15 minutes.</summary>
public sealed class SagaFactory : OrdersFactory
{
    public static readonly TimeSpan PaymentDeadline = TimeSpan.FromSeconds(3);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings(),
        new("Orders:Saga:PaymentDeadline", PaymentDeadline.ToString()),
        new("Orders:Saga:PollInterval", "00:00:00.020"),
        new("Orders:Saga:ReconcileInterval", "00:00:00.050"),
        new("Orders:Saga:RetryInitial", "00:00:00.020"),
        new("Orders:Saga:RetryMax", "00:00:00.200"),
        new("Orders:Saga:Lease", "00:00:01"),
    ];

    /// <summary>Waits (a generous bound, not a timing under test) until the order's saga has
    /// nothing left to do, and answers its row.</summary>
    internal async Task<SagaState> SettledAsync(Guid orderId)
    {
        var sagas = Services.GetRequiredService<SagaRepository>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var saga = await sagas.FindAsync(orderId, TestContext.Current.CancellationToken);
            if (saga?.Step == SagaStep.Done) return saga;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The saga of {orderId} is still at {saga?.Step}: {saga?.LastError}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
