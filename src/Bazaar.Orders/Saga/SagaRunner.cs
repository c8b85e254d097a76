using Bazaar.Platform.Background;
using Microsoft.Extensions.Options;

namespace Bazaar.Orders.Saga;

/// <summary>Resumes every saga that is due: those whose checkout request died or gave up
/// waiting, payments to look up, deadlines to enforce, compensations to finish. Each replica runs
/// one; a saga is claimed with a conditional write (a lease), so two runners never work the same
/// saga at once, and one that dies mid-step is taken over when its lease runs out.</summary>
internal sealed partial class SagaRunner(
    IServiceScopeFactory scopes, SagaRepository sagas, SagaMetrics metrics, IOptions<SagaOptions> options, TimeProvider clock, ILogger<SagaRunner> logger)
    : BackgroundService
{
    private static readonly TimeSpan CountEvery = TimeSpan.FromSeconds(5);

    private readonly SagaOptions _options = options.Value;
    private long _countedAt;

    /// <summary>Drives the sagas due now; answers how many it claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var due = await sagas.DueAsync(_options.Concurrency * 4, cancellationToken);
        var claimed = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (saga, token) =>
            {
                if (!await sagas.TryClaimAsync(saga, _options.Lease, token)) return;
                Interlocked.Increment(ref claimed);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<CheckoutOrchestrator>().DriveAsync(saga.OrderId, card: null, token);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // Its lease runs out and it is tried again; one broken saga must not stop the others.
                    LogDriveFailed(logger, saga.OrderId, exception);
                }
            });
        return claimed;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(async token =>
        {
            var claimed = await RunOnceAsync(token);
            if (_countedAt == 0 || clock.GetElapsedTime(_countedAt) >= CountEvery)
            {
                metrics.SetOpen(await sagas.CountByStepAsync(token));
                _countedAt = clock.GetTimestamp();
            }
            return claimed > 0;
        }, _options.PollInterval, clock, exception => LogRoundFailed(logger, exception), stoppingToken);

    [LoggerMessage(LogLevel.Error, "Driving the saga of order {OrderId} failed; it is retried when its lease runs out")]
    private static partial void LogDriveFailed(ILogger logger, Guid orderId, Exception exception);

    [LoggerMessage(LogLevel.Error, "A saga runner round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
