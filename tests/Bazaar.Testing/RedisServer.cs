using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Bazaar.Testing;

/// <summary>A real redis-server on 127.0.0.1 and a free port, without persistence, started when
/// made, for one test class (IClassFixture) or one test; killed on dispose. Where redis-server is
/// not installed, reading <see cref="ConnectionString"/> skips the test with the reason, so it is
/// reported as skipped, never as passed. Tests sharing one server keep apart by key prefix.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Missing = "redis-server is not installed (apt-get install redis-server): the Redis tests need a real server";

    private readonly string _directory = Directory.CreateTempSubdirectory("bazaar-redis-").FullName;
    private readonly Process? _process;
    private readonly int _port;

    public RedisServer()
    {
        if (Binary is null) return;
        _port = FreePort();
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--port", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--dir", _directory, "--loglevel", "warning" })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{Binary} did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // A bound that only stops a broken machine from hanging the run, not a timing under test.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Answers())
        {
            if (_process.HasExited) throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} on port {_port}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"redis-server never answered PING on port {_port}");
            Thread.Sleep(20);
        }
    }

    /// <summary>Where the binary is: on PATH, or /usr/bin/redis-server; null when neither has it.</summary>
    public static string? Binary { get; } = Find();

    /// <summary>For StackExchange.Redis; skips the test when redis-server is not installed.</summary>
    public string ConnectionString
    {
        get
        {
            if (_process is null) Assert.Skip(Missing);
            return $"127.0.0.1:{_port}";
        }
    }

    /// <summary>Kills the server, as a crash or a lost machine would.</summary>
    public void Stop()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        _process?.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    private bool Answers()
    {
        try
        {
            // A read that never ends (a server that accepts but does not answer yet) would make the
            // 30 s bound meaningless; connecting to loopback is refused or done at once.
            using var client = new TcpClient { ReceiveTimeout = 1000, SendTimeout = 1000 };
            client.Connect(IPAddress.Loopback, _port);
            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);
    }
}
