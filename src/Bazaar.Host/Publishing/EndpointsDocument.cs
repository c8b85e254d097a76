using System.Text.Json.Serialization;

namespace Bazaar.Host.Publishing;

/// <summary>The shape of <c>run/endpoints.json</c>: what Microsoft.Extensions.ServiceDiscovery reads
/// from configuration as <c>Services:&lt;name&gt;:http:&lt;i&gt;</c>.</summary>
internal sealed record EndpointsDocument(
    [property: JsonPropertyName("Services")] SortedDictionary<string, ServiceEndpoints> Services);

internal sealed record ServiceEndpoints(
    [property: JsonPropertyName("http")] IReadOnlyList<string> Http);
