using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Gateway.Tests;

/// <summary>Adds up one counter of one in-memory gateway (its own meter factory, not another test
/// class's gateway), for measurements whose tag has the given value.</summary>
internal sealed class CounterListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public static CounterListener For(IServiceProvider services, string instrumentName, string tag, string value)
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        var counter = new CounterListener();
        counter._listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        counter._listener.SetMeasurementEventCallback<long>((_, measurement, tags, _) =>
        {
            foreach (var pair in tags)
            {
                if (pair.Key == tag && Equals(pair.Value, value))
                {
                    Interlocked.Add(ref counter._count, measurement);
                }
            }
        });
        counter._listener.Start();
        return counter;
    }

    public void Dispose() => _listener.Dispose();
}
