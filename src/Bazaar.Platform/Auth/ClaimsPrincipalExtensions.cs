using System.Security.Claims;

namespace Bazaar.Platform.Auth;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The authenticated user's id, from the token's <c>sub</c> claim. Never take a user
    /// id from a request body.</summary>
    public static Guid UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue("sub"), out var id) ? id : throw new InvalidOperationException("The endpoint requires an authenticated user.");

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);
}

public static class Roles
{
    public const string Customer = "customer";
    public const string Admin = "admin";
}
