using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Bazaar.Platform.Problems;

/// <summary>Turns the framework's "this request cannot be read" exceptions (malformed JSON, wrong
/// types, body too large, wrong content type) into a 4xx problem that says what was wrong.</summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest) return false;

        httpContext.Response.StatusCode = badRequest.StatusCode;
        var detail = badRequest.InnerException is JsonException json
            ? "The request body is not valid JSON for this endpoint: " + json.Message
            : badRequest.Message;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Payload too large" : "Bad request",
                Detail = detail,
                Type = Problem.TypeForStatus(badRequest.StatusCode),
            },
        });
    }
}
