using System.Collections.Concurrent;
using System.Net;
using Bazaar.Bench.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Bazaar.Bench.Tests;

/// <summary>A stand-in for Bazaar.Host's API on 127.0.0.1: every request is recorded and answered
/// by <see cref="Answer"/>, and <see cref="RunAsync"/> runs a <c>bazaar</c> command against it.</summary>
internal sealed class FakeHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeHost(WebApplication app) => _app = app;

    /// <summary>Answers a request (method, path, how many requests came before it); unset: 404.</summary>
    public Func<string, string, int, IResult> Answer { get; set; } = (_, _, _) => Results.NotFound();

    public ConcurrentQueue<(string Method, string Path, string Body)> Requests { get; } = new();

    public Uri Address { get; private set; } = null!;

    public static async Task<FakeHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var host = new FakeHost(app);
        app.Map("/{**path}", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var count = host.Requests.Count;
            host.Requests.Enqueue((request.Method, request.Path.Value!, body));
            return host.Answer(request.Method, request.Path.Value!, count);
        });
        await app.StartAsync();
        host.Address = new Uri(app.Urls.First());
        return host;
    }

    /// <summary>Runs <c>bazaar &lt;args&gt; --host &lt;this&gt;</c>; delays in the command end at once.</summary>
    public Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => Bazaar([.. args, "--host", Address.ToString()]);

    public static async Task<(int ExitCode, string Output, string Error)> Bazaar(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var command = BenchCommand.Create(new InstantDelays(), output, error);
        var exitCode = await command.Parse(args).InvokeAsync(new() { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
