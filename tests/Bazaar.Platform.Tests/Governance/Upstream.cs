using System.Net;
using Bazaar.Platform.Governance;
using Bazaar.Platform.Governance.Calls;
using Bazaar.Platform.Governance.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bazaar.Platform.Tests.Governance;

/// <summary>A caller's view of fake replicas: the real <see cref="GovernedHandler"/> over discovery
/// configured in memory, and an inner handler that answers for each replica address as told.</summary>
internal sealed class Upstream : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly HttpMessageInvoker _client;
    private readonly string _policyDirectory;

    public Upstream(string policy, Dictionary<string, string[]> endpoints, TimeProvider? time = null)
    {
        _policyDirectory = Directory.CreateTempSubdirectory("bazaar-policy-").FullName;
        var policyFile = Path.Combine(_policyDirectory, "policy.json");
        File.WriteAllText(policyFile, policy);
        var settings = new Dictionary<string, string?> { ["Bazaar:TrafficPolicy"] = policyFile };
        foreach (var (name, addresses) in endpoints)
        {
            for (var i = 0; i < addresses.Length; i++)
            {
                settings[$"Services:{name}:http:{i}"] = addresses[i];
            }
        }
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging()
            .AddMetrics()
            .AddHttpContextAccessor()
            .AddSingleton(time ?? TimeProvider.System)
            .AddSingleton<TrafficPolicyStore>()
            .AddSingleton<Upstreams>()
            .AddSingleton<GovernanceMetrics>();
        services.AddOptions<GovernanceOptions>();
        services.AddServiceDiscoveryCore().AddConfigurationServiceEndpointProvider();
        _services = services.BuildServiceProvider();
        var handler = ActivatorUtilities.CreateInstance<GovernedHandler>(_services, false);
        handler.InnerHandler = Replicas;
        _client = new HttpMessageInvoker(handler);
    }

    public FakeReplicas Replicas { get; } = new();

    public IHttpContextAccessor Contexts => _services.GetRequiredService<IHttpContextAccessor>();

    public Upstreams State => _services.GetRequiredService<Upstreams>();

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, url);
        configure?.Invoke(request);
        return _client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _services.DisposeAsync();
        Directory.Delete(_policyDirectory, recursive: true);
    }
}

/// <summary>Answers as each replica is told to, and remembers every attempt.</summary>
internal sealed class FakeReplicas : HttpMessageHandler
{
    private readonly Dictionary<string, Func<HttpRequestMessage, Task<HttpResponseMessage>>> _behaviour = [];
    private readonly Lock _lock = new();

    /// <summary>Each attempt's replica and the deadline it was sent with.</summary>
    public List<(string Authority, string? DeadlineMs)> Attempts { get; } = [];

    public FakeReplicas Answer(string address, HttpStatusCode status, Action<HttpResponseMessage>? configure = null)
    {
        _behaviour[new Uri(address).Authority] = _ =>
        {
            var response = new HttpResponseMessage(status);
            configure?.Invoke(response);
            return Task.FromResult(response);
        };
        return this;
    }

    public FakeReplicas Refuse(string address)
    {
        _behaviour[new Uri(address).Authority] = _ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused");
        return this;
    }

    /// <summary>As SocketsHttpHandler's ConnectTimeout fails: the connection was never made.</summary>
    public FakeReplicas TimeOutConnecting(string address)
    {
        _behaviour[new Uri(address).Authority] = _ => throw new TaskCanceledException("connect timed out", new TimeoutException());
        return this;
    }

    public FakeReplicas Hang(string address)
    {
        _behaviour[new Uri(address).Authority] = async request =>
        {
            await Task.Delay(Timeout.Infinite, request.Options.TryGetValue(CancellationKey, out var token) ? token : default);
            throw new InvalidOperationException("unreachable");
        };
        return this;
    }

    public int CountTo(string address)
    {
        lock (_lock)
        {
            return Attempts.Count(attempt => attempt.Authority == new Uri(address).Authority);
        }
    }

    private static readonly HttpRequestOptionsKey<CancellationToken> CancellationKey = new("test-cancellation");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var authority = request.RequestUri!.Authority;
        lock (_lock)
        {
            Attempts.Add((authority, request.Headers.TryGetValues(RequestDeadline.Header, out var values) ? values.Single() : null));
        }
        request.Options.Set(CancellationKey, cancellationToken);
        return _behaviour[authority](request);
    }
}
