using System.Net;
using System.Text;

namespace Bazaar.Orders.Tests;

/// <summary>Answers HTTP requests from a queue of canned responses (or failures) and keeps what it was sent.</summary>
internal sealed class StubHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] answers) : HttpMessageHandler
{
    private int _next;

    public List<(HttpRequestMessage Request, string? Body)> Received { get; } = [];

    public static Func<HttpRequestMessage, HttpResponseMessage> Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        _ => new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    public static Func<HttpRequestMessage, HttpResponseMessage> Status(HttpStatusCode status) => _ => new HttpResponseMessage(status);

    public static Func<HttpRequestMessage, HttpResponseMessage> Unreachable { get; } = _ => throw new HttpRequestException("connection refused");

    public HttpClient Client() => new(this) { BaseAddress = new Uri("http://downstream") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Received.Add((request, request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken)));
        return answers[Math.Min(_next++, answers.Length - 1)](request);
    }
}
