using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Bazaar.Platform.Governance.Policy;

/// <summary>One file the <see cref="TrafficPolicyStore"/> reads: the value of its last accepted
/// content, and the problems of the content now on disk while that is refused.</summary>
internal sealed class WatchedFile<T>(string fullPath, T initial, Func<byte[], string, LoadResult<T>> parse, byte[]? whenMissing = null) : IDisposable
    where T : class
{
    private byte[]? _lastSeen;
    private PhysicalFileProvider? _watcher;
    private IDisposable? _subscription;

    public string FullPath { get; } = fullPath;

    public T Good { get; private set; } = initial;

    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Reads the file: null when it holds the content last seen (a save often raises several
    /// change events; the same content is handled once), else whether its new content was accepted.
    /// A missing file reads as <c>whenMissing</c> when given, and is a problem when not.</summary>
    public bool? Refresh()
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(FullPath);
        }
        catch (Exception exception) when (whenMissing is not null && exception is FileNotFoundException or DirectoryNotFoundException)
        {
            content = whenMissing;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            _lastSeen = null;
            Problems = [$"{FullPath}: cannot be read: {exception.Message}"];
            return false;
        }
        if (_lastSeen is not null && content.AsSpan().SequenceEqual(_lastSeen))
        {
            return null;
        }
        var loaded = parse(content, FullPath);
        _lastSeen = content;
        Problems = loaded.Problems;
        Good = loaded.Value ?? Good;
        return loaded.Value is not null;
    }

    /// <summary>Calls <paramref name="changed"/> whenever the file may have changed, including when it is
    /// created or renamed into place. The directory is what is watched, so it must exist (false if not).</summary>
    public bool Watch(Action changed)
    {
        var directory = Path.GetDirectoryName(FullPath)!;
        if (!Directory.Exists(directory))
        {
            return false;
        }
        _watcher = new PhysicalFileProvider(directory) { UsePollingFileWatcher = false };
        _subscription = ChangeToken.OnChange(() => _watcher.Watch(Path.GetFileName(FullPath)), changed);
        return true;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _watcher?.Dispose();
    }
}
