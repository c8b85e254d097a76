using System.Collections.Concurrent;
using System.Net;

namespace Bazaar.EndToEnd.Tests;

/// <summary>A few callers sending one request after another (with a short pause) until stopped,
/// keeping every outcome: a status code, or null when no answer came at all.</summary>
internal sealed class SteadyLoad
{
    private readonly ConcurrentQueue<HttpStatusCode?> _outcomes = new();
    private readonly CancellationTokenSource _stop;
    private readonly List<Task> _callers;

    private SteadyLoad(int callers, TimeSpan pause, Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _callers = [.. Enumerable.Range(0, callers).Select(_ => Task.Run(() => CallAsync(pause, send), ct))];
    }

    public static SteadyLoad Start(int callers, TimeSpan pause, Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken ct) =>
        new(callers, pause, send, ct);

    /// <summary>Stops the callers and answers every outcome.</summary>
    public async Task<IReadOnlyList<HttpStatusCode?>> StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_callers);
        _stop.Dispose();
        return [.. _outcomes];
    }

    /// <summary>"200 ×950, 500 ×12", for a failure message.</summary>
    public static string Describe(IEnumerable<HttpStatusCode?> outcomes) =>
        string.Join(", ", outcomes.GroupBy(status => status).Select(group => $"{(group.Key is { } status ? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer")} ×{group.Count()}"));

    private async Task CallAsync(TimeSpan pause, Func<CancellationToken, Task<HttpResponseMessage>> send)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await send(_stop.Token);
                _outcomes.Enqueue(response.StatusCode);
                await Task.Delay(pause, _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                _outcomes.Enqueue(null); // No answer, or none within the client's timeout.
            }
        }
    }
}
