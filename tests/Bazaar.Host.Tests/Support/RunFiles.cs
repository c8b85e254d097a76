using System.Text.Json;
using Bazaar.Host.Publishing;
using Bazaar.Host.Supervision;

namespace Bazaar.Host.Tests.Support;

/// <summary>Reads the run files the way their readers do.</summary>
internal static class RunFiles
{
    /// <summary>The published URLs of one service in endpoints.json (empty when none or no file).</summary>
    public static IReadOnlyList<string> Endpoints(string endpointsFile, string service)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(endpointsFile));
            return document.RootElement.GetProperty("Services").TryGetProperty(service, out var entry)
                ? [.. entry.GetProperty("http").EnumerateArray().Select(url => url.GetString()!)]
                : [];
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }

    public static IReadOnlyList<ReplicaStatus> Replicas(string replicasFile) => ReplicaStatusFile.Read(replicasFile);
}
