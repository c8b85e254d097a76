using System.Globalization;
using Bazaar.Platform.Problems;
using Bazaar.Users.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Users.Sessions;

internal static class SessionEndpoints
{
    public static void MapSessions(this WebApplication app)
    {
        var users = app.MapGroup("/api/users").WithTags("sessions").AllowAnonymous();
        users.MapPost("/login", Login);
        users.MapPost("/refresh", Refresh);
        users.MapPost("/logout", Logout);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Login(
        LoginRequest request, AccountService accounts, LoginThrottle throttle, SessionIssuer sessions, HttpContext http, CancellationToken cancellationToken)
    {
        var email = Account.NormaliseEmail(request.Email);
        // Checked and claimed before the password, so a locked email learns nothing from further
        // guesses, and parallel guesses count as they arrive.
        if (await throttle.TryClaimAttemptAsync(email, cancellationToken) is { } wait)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Problem.Create(StatusCodes.Status429TooManyRequests, "too-many-attempts", "Too many failed logins",
                "Too many failed logins for this email. Try again later.");
        }

        var account = await accounts.VerifyAsync(email, request.Password, cancellationToken);
        if (account is null)
        {
            return InvalidCredentials(); // the claimed attempt stays counted as a failure
        }
        await throttle.ClearAsync(email, cancellationToken);
        return TypedResults.Ok(await sessions.StartAsync(account, cancellationToken));
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest request, RefreshTokenStore refreshTokens, AccountRepository accounts, SessionIssuer sessions, CancellationToken cancellationToken)
    {
        var rotated = await refreshTokens.RotateAsync(request.RefreshToken, cancellationToken);
        if (rotated is not { } next || await accounts.FindByIdAsync(next.UserId, cancellationToken) is not { } account)
        {
            return Problem.Unauthorized("invalid-refresh-token", "Invalid refresh token",
                "The refresh token is unknown, expired, revoked or already used. Log in again.");
        }
        return TypedResults.Ok(sessions.Continue(account, next.Token));
    }

    private static async Task<NoContent> Logout(RefreshRequest request, RefreshTokenStore refreshTokens, CancellationToken cancellationToken)
    {
        await refreshTokens.RevokeFamilyAsync(request.RefreshToken, cancellationToken);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult InvalidCredentials() =>
        Problem.Unauthorized("invalid-credentials", "Invalid credentials", "The email or password is not correct.");
}
