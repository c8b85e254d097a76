using System.Net;
using Bazaar.Bench.Recording;
using Bazaar.Bench.Schedule;

namespace Bazaar.Bench.Scenarios;

/// <summary>The baselines' request: <c>GET /empty</c> on an endpoint that does nothing, directly or through a proxy.</summary>
internal sealed class EmptyScenario(BenchHttp http) : IScenario
{
    public const string Path = "/empty";

    private readonly Uri _url = http.Url(Path);

    public IReadOnlyList<string> RequestTypes { get; } = ["empty"];

    public ValueTask<RequestResult> SendAsync(long index, RunRecording recording, CancellationToken cancellationToken) =>
        http.SendAsync(0, Requests.Get(_url), HttpStatusCode.OK, cancellationToken);
}
