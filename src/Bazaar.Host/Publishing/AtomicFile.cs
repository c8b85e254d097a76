namespace Bazaar.Host.Publishing;

/// <summary>Replaces a file so that readers see the old content or the new, never half of it:
/// write a temporary file in the same folder, then rename it over the target (atomic on one
/// file system; a file watcher sees one change).</summary>
internal static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                // No fsync: the run files are rebuilt by every Host start, durability buys nothing.
                stream.Write(content);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
