namespace Bazaar.Host.Processes;

/// <summary>The HttpClient the Host talks to its own replicas with: never through a proxy from the
/// environment (the replicas are on loopback), no redirects, and no client-wide timeout (each call
/// brings its own deadline).</summary>
internal static class LoopbackHttp
{
    public static HttpClient CreateClient() =>
        new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
}
