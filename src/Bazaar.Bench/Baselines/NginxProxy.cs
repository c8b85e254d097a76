using System.Diagnostics;
using System.Globalization;

namespace Bazaar.Bench.Baselines;

/// <summary>nginx as a reverse proxy to the empty endpoint, when nginx is on PATH: a temporary
/// prefix with its own nginx.conf, 127.0.0.1 only, in the foreground, killed after.</summary>
internal static class NginxProxy
{
    public static string? Find()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, "nginx");
            if (File.Exists(candidate)) return candidate;
        }
        foreach (var candidate in new[] { "/usr/sbin/nginx", "/usr/local/sbin/nginx" })
        {
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static async Task<(ChildProcess Process, Uri Address)> StartAsync(string nginx, Uri destination, int connections, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var prefix = Directory.CreateTempSubdirectory("bazaar-bench-nginx-").FullName;
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), Config(port, destination, connections), cancellationToken);
        var start = new ProcessStartInfo(nginx) { WorkingDirectory = prefix };
        foreach (var argument in new[] { "-p", prefix, "-c", "nginx.conf", "-g", "daemon off;" }) start.ArgumentList.Add(argument);
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var process = ChildProcess.Start(start);
        try
        {
            await process.WaitReadyAsync(new Uri(address, Scenarios.EmptyScenario.Path), "nginx", cancellationToken);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
        return (process, address);
    }

    /// <summary>Keep-alive to the upstream, as the gateway does, so both proxies are compared fairly.</summary>
    private static string Config(int port, Uri destination, int connections) => string.Create(CultureInfo.InvariantCulture, $$"""
        worker_processes auto;
        error_log logs/error.log warn;
        pid logs/nginx.pid;
        events { worker_connections {{Math.Max(1024, connections * 4)}}; }
        http {
            access_log off;
            client_body_temp_path temp-body;
            proxy_temp_path temp-proxy;
            fastcgi_temp_path temp-fastcgi;
            uwsgi_temp_path temp-uwsgi;
            scgi_temp_path temp-scgi;
            upstream empty {
                server {{destination.Host}}:{{destination.Port}};
                keepalive {{Math.Max(16, connections)}};
            }
            server {
                listen 127.0.0.1:{{port}};
                keepalive_requests 100000;
                location / {
                    proxy_pass http://empty;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                }
            }
        }
        """);
}
