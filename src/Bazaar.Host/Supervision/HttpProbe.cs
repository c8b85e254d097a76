using Bazaar.Host.Processes;

namespace Bazaar.Host.Supervision;

/// <summary>A Kubernetes <c>httpGet</c> probe: success is a status from 200 to 399 within the timeout.</summary>
internal sealed class HttpProbe : IDisposable
{
    private readonly HttpClient _client = LoopbackHttp.CreateClient();

    public async Task<bool> CheckAsync(string url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 400;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();
}
