using System.Net;
using System.Text;

namespace Bazaar.Bench.Tests;

/// <summary>An in-process stand-in for the platform: answers each request with what <paramref name="answer"/> says, at once.</summary>
internal sealed class FakeHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer) : HttpMessageHandler
{
    private int _count;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(answer(request, Interlocked.Increment(ref _count)));

    public static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    public static HttpResponseMessage Problem(HttpStatusCode status, string slug) =>
        Json(status, $$"""{"type":"urn:bazaar:problem:{{slug}}","title":"x","status":{{(int)status}}}""", "application/problem+json");
}
