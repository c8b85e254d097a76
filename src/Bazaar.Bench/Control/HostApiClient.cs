using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Bazaar.Bench.Control;

/// <summary>The Host API's endpoints (src/Bazaar.Host/Status, src/Bazaar.Host/Releases). Every
/// failure, a problem detail included, becomes a <see cref="HostApiException"/>.</summary>
internal sealed class HostApiClient : IDisposable
{
    private static readonly ControlJson Json = ControlJson.Default;

    private readonly HttpClient _http;

    public HostApiClient(Uri address)
    {
        // A trailing slash keeps a path in --host: relative URLs resolve below it.
        var root = address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = root, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Task<List<DeploymentView>> DeploymentsAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "deployments", null, Json.ListDeploymentView, cancellationToken);

    public Task<List<AutoscalerView>> AutoscalersAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "autoscalers", null, Json.ListAutoscalerView, cancellationToken);

    public Task<List<RolloutView>> RolloutsAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "rollouts", null, Json.ListRolloutView, cancellationToken);

    public Task<ScaleResult> ScaleAsync(string deployment, int replicas, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"deployments/{Uri.EscapeDataString(deployment)}/scale",
            JsonContent.Create(new ScaleRequest(replicas), Json.ScaleRequest), Json.ScaleResult, cancellationToken);

    public Task<RolloutView> RolloutAsync(string deployment, RolloutRequest request, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"deployments/{Uri.EscapeDataString(deployment)}/rollout",
            JsonContent.Create(request, Json.RolloutRequest), Json.RolloutView, cancellationToken);

    /// <summary>POSTs a rollout verb without a body: <c>rollout/promote</c>, <c>rollout/abort</c> or <c>rollback</c>.</summary>
    public Task<RolloutView> ActAsync(string deployment, string verb, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"deployments/{Uri.EscapeDataString(deployment)}/{verb}", null, Json.RolloutView, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? body, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new HostApiException($"cannot reach the Host API at {_http.BaseAddress} ({exception.Message}); {HostApiAddress.Hint}.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HostApiException($"the Host API at {_http.BaseAddress} did not answer {method} /{path} within {_http.Timeout.TotalSeconds:0} s.");
        }
        using (response)
        {
            try
            {
                if (!response.IsSuccessStatusCode)
                {
                    var problem = await response.Content.ReadFromJsonAsync(Json.HostProblem, cancellationToken);
                    throw new HostApiException(problem?.Detail ?? problem?.Title ?? $"the Host answered {(int)response.StatusCode} {response.ReasonPhrase}.");
                }
                return await response.Content.ReadFromJsonAsync(answer, cancellationToken)
                    ?? throw new HostApiException($"the Host answered {method} /{path} with null.");
            }
            catch (JsonException)
            {
                throw new HostApiException($"{_http.BaseAddress} answered {method} /{path} with {(int)response.StatusCode} and a body that is not the Host API's; is --host right?");
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
