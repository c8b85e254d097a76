using System.Text.Json;
using Bazaar.Host.Configuration;
using Bazaar.Host.Supervision;

namespace Bazaar.Host.Publishing;

/// <summary>Publishes the ready replicas (the Kubernetes Endpoints of each service) to
/// <c>run/endpoints.json</c>, which every service watches: rewritten atomically whenever the ready
/// set changes, and only then. A service with no ready replica is listed with none. Each version is
/// also listed on its own as <c>&lt;version&gt;.&lt;service&gt;</c> (an Istio subset), which the
/// traffic policy's version routing resolves.</summary>
internal sealed class EndpointsPublisher(HostPaths paths, IEnumerable<(string Service, string Version)> deployments, ILogger<EndpointsPublisher> logger) : IReplicaObserver
{
    private readonly (string Service, string Version)[] _deployments = [.. deployments];
    private byte[]? _published;

    public void OnChanged(IReadOnlyList<ReplicaStatus> replicas)
    {
        var document = new EndpointsDocument(new SortedDictionary<string, ServiceEndpoints>(StringComparer.Ordinal));
        var ready = replicas.Where(replica => replica is { State: ReplicaState.Ready, Url: not null }).ToList();
        var known = _deployments.Concat(replicas.Select(replica => (replica.Service, replica.Version))).Distinct().ToList();
        foreach (var service in known.Select(deployment => deployment.Service).Distinct(StringComparer.Ordinal))
        {
            document.Services[service] = new ServiceEndpoints([.. ready.Where(replica => replica.Service == service).Select(replica => replica.Url!)]);
        }
        foreach (var (service, version) in known)
        {
            document.Services[$"{version}.{service}"] = new ServiceEndpoints([.. ready
                .Where(replica => replica.Service == service && replica.Version == version)
                .Select(replica => replica.Url!)]);
        }

        var content = JsonSerializer.SerializeToUtf8Bytes(document, HostJson.Default.EndpointsDocument);
        if (_published is not null && content.AsSpan().SequenceEqual(_published))
        {
            return;
        }
        try
        {
            AtomicFile.Write(paths.EndpointsFile, content);
            _published = content;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogError("Could not publish endpoints to {File}: {Message}", paths.EndpointsFile, exception.Message);
        }
    }
}
