using System.Net;
using System.Text;
using Bazaar.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Bazaar.Platform.Tests;

public sealed class ProblemTests
{
    public sealed record Body(int Quantity);

    private static Task<TestApp> StartAsync() => TestApp.StartAsync(app =>
    {
        app.MapGet("/boom", string () => throw new InvalidOperationException("secret internal detail"));
        app.MapPost("/echo", (Body body) => TypedResults.Ok(body.Quantity));
    });

    [Fact]
    public async Task An_unhandled_exception_is_a_500_problem_without_the_stack_trace()
    {
        await using var app = await StartAsync();
        var response = await app.Client.GetAsync("/boom", TestContext.Current.CancellationToken);
        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError, "internal");
        var text = problem.GetRawText();
        Assert.DoesNotContain("secret internal detail", text);
        Assert.DoesNotContain("InvalidOperationException", text);
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        await using var app = await StartAsync();
        var response = await app.Client.GetAsync("/no/such/route", TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task A_wrong_type_names_the_field()
    {
        await using var app = await StartAsync();
        var response = await app.Client.PostAsync("/echo", new StringContent("""{"quantity":"many"}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        Assert.Contains("$.quantity", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        await using var app = await StartAsync();
        var body = "{\"quantity\":1,\"pad\":\"" + new string('x', 100_000) + "\"}";
        var response = await app.Client.PostAsync("/echo", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task A_body_of_the_wrong_media_type_is_a_415_problem()
    {
        await using var app = await StartAsync();
        var response = await app.Client.PostAsync("/echo", new StringContent("quantity=1", Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
