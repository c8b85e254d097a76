using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Bazaar.Platform.Auth;

public static class AuthExtensions
{
    public const string AdminPolicy = "admin";

    internal static void AddBazaarAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BazaarAuthOptions>().BindConfiguration("Bazaar:Auth").ValidateOnStartWith<BazaarAuthOptions, BazaarAuthOptionsValidator>();

        // Signing keys come from the user-service's JWKS, cached, and fetched again when a token
        // names a key id we have not seen (the bearer handler asks for a refresh on that error).
        // The user-service itself registers a manager over its own key store before this runs.
        builder.Services.TryAddSingleton<IConfigurationManager<OpenIdConnectConfiguration>>(services =>
        {
            var options = services.GetRequiredService<IOptions<BazaarAuthOptions>>().Value;
            var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("jwks");
            return new ConfigurationManager<OpenIdConnectConfiguration>(options.JwksUrl, new JwksRetriever(), new HttpDocumentRetriever(http) { RequireHttps = false })
            {
                AutomaticRefreshInterval = TimeSpan.FromMinutes(10),
                RefreshInterval = TimeSpan.FromSeconds(1),
            };
        });

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IConfigurationManager<OpenIdConnectConfiguration>, IOptions<BazaarAuthOptions>>((bearer, keys, auth) =>
            {
                bearer.ConfigurationManager = keys;
                bearer.MapInboundClaims = false;
                bearer.RequireHttpsMetadata = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                    NameClaimType = "sub",
                    RoleClaimType = "role",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.Admin));
    }
}
