using Bazaar.Platform.Problems;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Bazaar.Gateway.Routing;

/// <summary>When the proxy could not get an answer from a service, the client gets a problem
/// detail saying which service and what went wrong, instead of an empty 502.</summary>
internal static class UpstreamErrorProblems
{
    public static void UseUpstreamErrorProblems(this IReverseProxyApplicationBuilder proxy) => proxy.Use(async (context, next) =>
    {
        await next();
        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted || Describe(error.Error, error.Exception) is not { } problem) return;

        var service = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
        context.Response.StatusCode = problem.Status;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "1";
        }
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = problem.Status,
                Type = Problem.Type(problem.Slug),
                Title = problem.Title,
                Detail = string.Format(System.Globalization.CultureInfo.InvariantCulture, problem.DetailFormat, service),
            },
        });
    });

    private sealed record UpstreamProblem(int Status, string Slug, string Title, string DetailFormat);

    private static UpstreamProblem? Describe(ForwarderError error, Exception? exception) => error switch
    {
        // The traffic policy's handler under the proxy: no ready replica, or the deadline passed.
        ForwarderError.Request when exception is HttpRequestException { StatusCode: System.Net.HttpStatusCode.ServiceUnavailable } =>
            new(503, "upstream-unavailable", "Service unavailable", "No ready replica of {0} is available; try again shortly."),
        ForwarderError.Request or ForwarderError.RequestTimedOut when exception is TaskCanceledException { InnerException: TimeoutException } =>
            new(504, "upstream-timeout", "Upstream timeout", "{0} did not answer in time."),
        ForwarderError.NoAvailableDestinations => new(503, "upstream-unavailable", "Service unavailable", "No ready replica of {0} is available; try again shortly."),
        ForwarderError.RequestTimedOut => new(504, "upstream-timeout", "Upstream timeout", "{0} did not answer in time."),
        ForwarderError.Request or ForwarderError.RequestCreation or ForwarderError.ResponseHeaders =>
            new(502, "upstream-unreachable", "Bad gateway", "{0} could not be reached or gave no valid answer."),
        _ => null, // the client went away or sent a broken body: nobody is left to read a problem
    };
}
