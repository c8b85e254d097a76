using Bazaar.Platform;
using Bazaar.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Protocols;

namespace Bazaar.Users.Tokens;

internal static class TokensModule
{
    public static WebApplicationBuilder AddTokens(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<UsersOptions>().BindConfiguration("Users")
            .Validate(users => users.Keys.PublishAhead < users.Keys.RotationPeriod, "Users:Keys:PublishAhead must be shorter than Users:Keys:RotationPeriod.")
            .ValidateOnStartWith<UsersOptions, UsersOptionsValidator>();
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddHostedService<SigningKeyLoader>();
        builder.Services.AddHostedService<SigningKeyRotation>();
        builder.Services.Replace(ServiceDescriptor.Singleton<IConfigurationManager<OpenIdConnectConfiguration>, LocalSigningKeys>());
        return builder;
    }

    public static void MapTokens(this WebApplication app)
    {
        app.MapGet("/.well-known/jwks.json", (SigningKeyStore keys, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=300";
            return TypedResults.Ok(new JsonWebKeySetResponse([.. keys.Published.Select(EcPublicJwk.From)]));
        }).WithTags("tokens").AllowAnonymous();

        app.MapPost("/api/users/admin/keys/rotate", RotateNow).WithTags("tokens").RequireAuthorization(AuthExtensions.AdminPolicy);
    }

    /// <summary>Starts a rotation now: a new key is published at once and signs after the
    /// publish-ahead time. While one is pending, answers with that one.</summary>
    private static async Task<Ok<KeyRotationResponse>> RotateNow(SigningKeyStore keys, CancellationToken cancellationToken)
    {
        var next = await keys.RotateAsync(force: true, cancellationToken)
            ?? throw new InvalidOperationException("A forced rotation always leaves a pending key.");
        return TypedResults.Ok(new KeyRotationResponse(keys.Active.Kid, next.Kid, next.ActivatesAt));
    }

    /// <summary>Loads (or creates) the signing key after migrations and before the first request.</summary>
    private sealed class SigningKeyLoader(SigningKeyStore keys) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => keys.InitialiseAsync(cancellationToken);
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Each replica checks on a timer whether a rotation is due and picks up keys that
    /// other replicas created.</summary>
    private sealed class SigningKeyRotation(SigningKeyStore keys, IOptions<UsersOptions> options, TimeProvider clock, ILogger<SigningKeyRotation> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(options.Value.Keys.CheckInterval, clock);
            try
            {
                while (await timer.WaitForNextTickAsync(stoppingToken))
                {
                    try
                    {
                        await keys.RotateAsync(force: false, stoppingToken);
                    }
                    catch (SqliteException exception)
                    {
                        // The keys loaded last keep signing; the next tick tries again.
                        logger.LogWarning(exception, "Signing key rotation check failed");
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        }
    }
}
