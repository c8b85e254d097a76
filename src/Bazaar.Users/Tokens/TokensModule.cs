using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Bazaar.Users.Tokens;

internal static class TokensModule
{
    public static WebApplicationBuilder AddTokens(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<UsersOptions>().BindConfiguration("Users").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddHostedService<SigningKeyLoader>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IConfigurationManager<OpenIdConnectConfiguration>, LocalSigningKeys>());
        return builder;
    }

    public static void MapTokens(this WebApplication app)
    {
        app.MapGet("/.well-known/jwks.json", (SigningKeyStore keys, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=300";
            return TypedResults.Ok(new JsonWebKeySetResponse([EcPublicJwk.From(keys.Active)]));
        }).WithTags("tokens").AllowAnonymous();
    }

    /// <summary>Loads (or creates) the signing key after migrations and before the first request.</summary>
    private sealed class SigningKeyLoader(SigningKeyStore keys) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => keys.LoadAsync(cancellationToken);
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
