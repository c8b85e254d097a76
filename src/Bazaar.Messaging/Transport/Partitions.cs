using System.Text;

namespace Bazaar.Messaging.Transport;

/// <summary>How the embedded log splits a stream for a consumer group: a fixed number of
/// partitions chosen by a hash of the subject, so one subject always lands in one partition and
/// is read by one consumer at a time, in order.</summary>
public static class Partitions
{
    /// <summary>Partitions per stream. Fixed: changing it would move subjects between partitions
    /// and break their order, so it is part of the log's format, not a setting.</summary>
    public const int Count = 16;

    /// <summary>The partition of <paramref name="subject"/>. FNV-1a over UTF-8, because
    /// <see cref="string.GetHashCode()"/> differs between processes.</summary>
    public static int Of(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(subject))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % Count);
    }
}
