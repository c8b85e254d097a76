using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Bazaar.Recommendations.Model;
using Microsoft.Extensions.Options;

namespace Bazaar.Recommendations.Views;

/// <summary>The views waiting for <see cref="ViewWriter"/>: bounded by
/// <see cref="RecommendationOptions.ViewQueueCapacity"/>. A view that finds it full is dropped, never
/// waited for: the request answers at once whatever happens here. Drops are counted in the metric
/// <c>bazaar.recommendations.views.dropped</c> and logged when dropping starts.</summary>
internal sealed partial class ViewQueue
{
    private readonly Channel<View> _channel;
    private readonly Counter<long> _droppedCounter;
    private readonly ILogger<ViewQueue> _logger;
    private long _dropped;
    private int _dropping; // 1 from the first drop until a view fits again: one log line per episode

    public ViewQueue(IOptions<RecommendationOptions> options, IMeterFactory meters, ILogger<ViewQueue> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        _channel = Channel.CreateBounded<View>(new BoundedChannelOptions(options.Value.ViewQueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
        _droppedCounter = meters.Create("Bazaar.Recommendations").CreateCounter<long>("bazaar.recommendations.views.dropped", "{view}", "Views dropped because the queue was full");
        _logger = logger;
    }

    public ChannelReader<View> Reader => _channel.Reader;

    /// <summary>Views dropped since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues <paramref name="view"/>, or drops it if the queue is full; never waits.</summary>
    public bool TryEnqueue(View view)
    {
        if (_channel.Writer.TryWrite(view))
        {
            Interlocked.Exchange(ref _dropping, 0);
            return true;
        }
        Interlocked.Increment(ref _dropped);
        _droppedCounter.Add(1);
        if (Interlocked.Exchange(ref _dropping, 1) == 0) LogDropping(_channel.Reader.Count);
        return false;
    }

    [LoggerMessage(LogLevel.Warning, "The view queue is full ({Queued} views): views are being dropped until the writer catches up.")]
    private partial void LogDropping(int queued);
}
