using System.Text;

namespace Bazaar.Host.Processes;

/// <summary>Appends a replica's standard output and error, line by line, to its log file
/// (<c>logs/&lt;replica&gt;.log</c>), across restarts. The console stays for the Host's own lines.</summary>
internal sealed class ReplicaLogFile : IDisposable
{
    private readonly Lock _lock = new();
    private StreamWriter? _writer;

    public ReplicaLogFile(string path)
    {
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
    }

    public void WriteLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lock)
        {
            try
            {
                _writer?.WriteLine(line);
            }
            catch (IOException)
            {
                // A full disk must not take the control plane down; the replica keeps running.
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }
}
