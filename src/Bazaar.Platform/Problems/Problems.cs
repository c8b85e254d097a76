using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Platform.Problems;

/// <summary>RFC 9457 problem details with a stable <c>type</c> per kind of error, so clients can
/// branch on the type rather than on the human-readable text.</summary>
public static class Problem
{
    public const string TypePrefix = "urn:bazaar:problem:";

    public static string Type(string slug) => TypePrefix + slug;

    public static ProblemHttpResult NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, "not-found", "Not found", detail);

    public static ProblemHttpResult Conflict(string slug, string title, string detail) =>
        Create(StatusCodes.Status409Conflict, slug, title, detail);

    public static ProblemHttpResult Unprocessable(string slug, string title, string detail) =>
        Create(StatusCodes.Status422UnprocessableEntity, slug, title, detail);

    public static ProblemHttpResult Unavailable(string slug, string title, string detail) =>
        Create(StatusCodes.Status503ServiceUnavailable, slug, title, detail);

    public static ProblemHttpResult Unauthorized(string slug, string title, string detail) =>
        Create(StatusCodes.Status401Unauthorized, slug, title, detail);

    /// <summary>A 400 that names each offending field, like the framework's own validation errors.</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, type: Type("validation"),
            title: "One or more validation errors occurred.");

    public static ProblemHttpResult Create(int status, string slug, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, type: Type(slug));

    /// <summary>The type of a problem the framework raised without naming one (404 for an unknown
    /// route, 401 from authentication, 500 from an unhandled exception ...).</summary>
    internal static string TypeForStatus(int status) => Type(status switch
    {
        400 => "bad-request",
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        413 => "payload-too-large",
        415 => "unsupported-media-type",
        429 => "too-many-requests",
        502 => "bad-gateway",
        503 => "unavailable",
        504 => "gateway-timeout",
        >= 500 => "internal",
        _ => "http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}
