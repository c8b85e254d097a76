using System.Security.Claims;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Recommendations.ForYou;

internal static class ForYouEndpoints
{
    private const int DefaultLimit = 10;
    private const int MaxLimit = 50;

    public static void MapForYou(this WebApplication app) =>
        app.MapGet("/api/recommendations/for-you", RecommendAsync).WithTags("recommendations").RequireAuthorization();

    private static async Task<Results<Ok<ForYouResponse>, ValidationProblem>> RecommendAsync(
        ClaimsPrincipal user, int? limit, ForYouService forYou, CancellationToken cancellationToken)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit) return Problem.Invalid("limit", $"The limit must be between 1 and {MaxLimit}.");
        return TypedResults.Ok(await forYou.RecommendAsync(user.UserId(), size, cancellationToken));
    }
}
