namespace Bazaar.Users.Sessions;

internal static class SessionsModule
{
    public static WebApplicationBuilder AddSessions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RefreshTokenStore>();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<SessionIssuer>();
        return builder;
    }
}
