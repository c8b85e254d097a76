using System.Security.Claims;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Users.Accounts;

internal static class AccountEndpoints
{
    public static void MapAccounts(this WebApplication app)
    {
        var users = app.MapGroup("/api/users").WithTags("accounts");
        users.MapPost("/register", Register).AllowAnonymous();
        users.MapGet("/me", Me).RequireAuthorization();
        users.MapPut("/me", UpdateMe).RequireAuthorization();
        users.MapGet("/{id:guid}", ById).RequireAuthorization(AuthExtensions.AdminPolicy);
    }

    private static async Task<Results<Created<AccountResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        if (AccountService.PasswordPolicyViolation(request.Email, request.Password) is { } violation)
        {
            return Problem.Invalid("password", violation);
        }
        var account = await accounts.RegisterAsync(request.Email, request.Password, request.Name, Roles.Customer, cancellationToken);
        if (account is null)
        {
            return Problem.Conflict("email-taken", "Email already registered", "An account with this email already exists.");
        }
        return TypedResults.Created("/api/users/me", ToResponse(account));
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Me(
        ClaimsPrincipal user, AccountRepository accounts, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByIdAsync(user.UserId(), cancellationToken);
        return account is null ? Problem.NotFound("The account no longer exists.") : TypedResults.Ok(ToResponse(account));
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> UpdateMe(
        UpdateProfileRequest request, ClaimsPrincipal user, AccountRepository accounts, CancellationToken cancellationToken)
    {
        // Required has already refused a blank name.
        var account = await accounts.UpdateProfileAsync(user.UserId(), request.Name.Trim(), string.IsNullOrEmpty(request.Phone) ? null : request.Phone, cancellationToken);
        return account is null ? Problem.NotFound("The account no longer exists.") : TypedResults.Ok(ToResponse(account));
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> ById(
        Guid id, AccountRepository accounts, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByIdAsync(id, cancellationToken);
        return account is null ? Problem.NotFound("No account has this id.") : TypedResults.Ok(ToResponse(account));
    }

    private static AccountResponse ToResponse(Account account) => new(account.Id, account.Email, account.Name, account.Phone, account.Role);
}
