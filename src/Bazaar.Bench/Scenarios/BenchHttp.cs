using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Bazaar.Bench.Schedule;

namespace Bazaar.Bench.Scenarios;

/// <summary>The one HTTP client a run sends through, and the rule for what counts as success: the
/// expected status code, nothing else. Anything else is an error of a named kind (the status
/// code and the problem's slug, or the exception type).</summary>
internal sealed class BenchHttp : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <param name="noCache">Ask every cache on the way for a fresh answer (<c>Cache-Control: no-cache</c>).</param>
    public BenchHttp(Uri target, int connections, TimeSpan timeout, HttpMessageHandler? handler = null, bool noCache = false)
    {
        Target = target;
        Client = new HttpClient(handler ?? new SocketsHttpHandler
        {
            // The connection pool is the only limit on concurrency, as --connections says.
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            Timeout = timeout,
        };
        if (noCache) Client.DefaultRequestHeaders.CacheControl = new CacheControlHeaderValue { NoCache = true };
    }

    public Uri Target { get; }

    public HttpClient Client { get; }

    public Uri Url(string pathAndQuery) => new(Target, pathAndQuery);

    /// <summary>A JSON body built once and sent many times.</summary>
    public static ByteArrayContent Body(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = Json;
        return content;
    }

    /// <summary>Sends, drains the body, and answers success only for <paramref name="expected"/>.</summary>
    public async ValueTask<RequestResult> SendAsync(int type, HttpRequestMessage request, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        try
        {
            using (request)
            using (var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
            {
                if (response.StatusCode != expected) return RequestResult.Failed(type, await ErrorKindAsync(response, cancellationToken));
                await response.Content.CopyToAsync(Stream.Null, cancellationToken);
                return RequestResult.Ok(type);
            }
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            return RequestResult.Failed(type, TransportErrorKind(exception));
        }
    }

    /// <summary>Sends and, for the expected status, hands the body to <paramref name="check"/>, which names an error or answers null.</summary>
    public async ValueTask<RequestResult> SendAsync(int type, HttpRequestMessage request, HttpStatusCode expected, Func<byte[], string?> check, CancellationToken cancellationToken)
    {
        try
        {
            using (request)
            using (var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
            {
                if (response.StatusCode != expected) return RequestResult.Failed(type, await ErrorKindAsync(response, cancellationToken));
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                return check(body) is { } error ? RequestResult.Failed(type, error) : RequestResult.Ok(type);
            }
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            return RequestResult.Failed(type, TransportErrorKind(exception));
        }
    }

    /// <summary><c>HTTP 409 insufficient-stock</c>: the status, and the problem's slug when the body is a problem detail.</summary>
    private static async Task<string> ErrorKindAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = "HTTP " + (int)response.StatusCode;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            await response.Content.CopyToAsync(Stream.Null, cancellationToken);
            return status;
        }
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return ProblemSlug(body) is { } slug ? status + " " + slug : status;
    }

    private static string? ProblemSlug(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("type", out var type) && type.GetString() is { } uri)
            {
                var colon = uri.LastIndexOf(':');
                return colon >= 0 ? uri[(colon + 1)..] : uri;
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    private static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested;

    private static string TransportErrorKind(Exception exception) => exception switch
    {
        TaskCanceledException => "timeout",
        HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } http => "HttpRequestException " + http.HttpRequestError,
        _ => exception.GetType().Name,
    };

    public void Dispose() => Client.Dispose();
}
