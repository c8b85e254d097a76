using Bazaar.Users.Accounts;
using Bazaar.Users.Tokens;

namespace Bazaar.Users.Sessions;

/// <summary>Pairs an access token with a refresh token.</summary>
internal sealed class SessionIssuer(TokenIssuer tokens, RefreshTokenStore refreshTokens)
{
    public async Task<TokenResponse> StartAsync(Account account, CancellationToken cancellationToken) =>
        Continue(account, await refreshTokens.StartFamilyAsync(account.Id, cancellationToken));

    public TokenResponse Continue(Account account, string refreshToken)
    {
        var (accessToken, lifetime) = tokens.IssueAccessToken(account.Id, account.Email, account.Role);
        return new TokenResponse(accessToken, "Bearer", (int)lifetime.TotalSeconds, refreshToken, (int)refreshTokens.Lifetime.TotalSeconds);
    }
}
