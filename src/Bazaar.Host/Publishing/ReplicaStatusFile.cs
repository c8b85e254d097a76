using System.Text.Json;
using Bazaar.Host.Configuration;
using Bazaar.Host.Supervision;

namespace Bazaar.Host.Publishing;

/// <summary>Keeps <c>run/replicas.json</c> current: for people and tools, and for the next Host to
/// find the processes of one that was killed.</summary>
internal sealed class ReplicaStatusFile(HostPaths paths, ILogger<ReplicaStatusFile> logger) : IReplicaObserver
{
    public void OnChanged(IReadOnlyList<ReplicaStatus> replicas)
    {
        try
        {
            AtomicFile.Write(paths.ReplicasFile, JsonSerializer.SerializeToUtf8Bytes(replicas, HostJson.Default.IReadOnlyListReplicaStatus));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            logger.LogError("Could not write {File}: {Message}", paths.ReplicasFile, exception.Message);
        }
    }

    /// <summary>What the previous Host left, or nothing when the file is missing or unreadable.</summary>
    public static IReadOnlyList<ReplicaStatus> Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllBytes(path), HostJson.Default.ListReplicaStatus) ?? [] : [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException)
        {
            return [];
        }
    }
}
