using System.Text.Json;
using Bazaar.Host.Configuration;
using Bazaar.Host.Supervision;

namespace Bazaar.Host.Publishing;

/// <summary>Publishes the ready replicas (the Kubernetes Endpoints of each service) to
/// <c>run/endpoints.json</c>, which every service watches: rewritten atomically whenever the ready
/// set changes, and only then. A service with no ready replica is listed with none.</summary>
internal sealed class EndpointsPublisher(HostPaths paths, IEnumerable<string> services, ILogger<EndpointsPublisher> logger) : IReplicaObserver
{
    private readonly string[] _services = [.. services];
    private byte[]? _published;

    public void OnChanged(IReadOnlyList<ReplicaStatus> replicas)
    {
        var document = new EndpointsDocument(new SortedDictionary<string, ServiceEndpoints>(StringComparer.Ordinal));
        foreach (var service in _services.Concat(replicas.Select(replica => replica.Service)).Distinct(StringComparer.Ordinal))
        {
            document.Services[service] = new ServiceEndpoints([.. replicas
                .Where(replica => replica.Service == service && replica is { State: ReplicaState.Ready, Url: not null })
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
