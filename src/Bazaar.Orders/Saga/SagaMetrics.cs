using System.Diagnostics.Metrics;

namespace Bazaar.Orders.Saga;

/// <summary>What the sagas are doing, for dashboards and alerts: decisions taken, steps that
/// failed (a service not answering), and how many sagas wait at each step right now.</summary>
internal sealed class SagaMetrics
{
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _failures;
    private volatile IReadOnlyDictionary<string, long> _open = new Dictionary<string, long>();

    public SagaMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("Bazaar.Orders.Saga");
        _transitions = meter.CreateCounter<long>("bazaar.saga.transitions", description: "Saga decisions written, by the step left and the step entered.");
        _failures = meter.CreateCounter<long>("bazaar.saga.step_failures", description: "Saga steps that failed and will be retried, by step.");
        meter.CreateObservableGauge("bazaar.saga.open", ObserveOpen, description: "Sagas not yet done, by the step they wait at (refreshed by the runner).");
    }

    public void Advanced(SagaStep from, SagaStep to) =>
        _transitions.Add(1, new KeyValuePair<string, object?>("from", from.ToString()), new KeyValuePair<string, object?>("to", to.ToString()));

    public void Failed(SagaStep step) => _failures.Add(1, new KeyValuePair<string, object?>("step", step.ToString()));

    public void SetOpen(IReadOnlyDictionary<string, long> countsByStep) => _open = countsByStep;

    private IEnumerable<Measurement<long>> ObserveOpen() =>
        Enum.GetNames<SagaStep>().Where(step => step != nameof(SagaStep.Done))
            .Select(step => new Measurement<long>(_open.GetValueOrDefault(step), new KeyValuePair<string, object?>("step", step)));
}
