namespace Bazaar.Host.Metrics;

/// <summary>Reads a replica's request counters over loopback, as Prometheus scrapes it.</summary>
internal sealed class ReplicaMetricsReader : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly HttpClient _client = Processes.LoopbackHttp.CreateClient();

    /// <summary>The replica's counters, or null when it did not answer in time (a missing metric).</summary>
    public async Task<ReplicaTraffic?> ReadAsync(string replicaUrl, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            return PrometheusTextParser.Parse(await _client.GetStringAsync(replicaUrl + "/metrics", deadline.Token));
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    public void Dispose() => _client.Dispose();
}
