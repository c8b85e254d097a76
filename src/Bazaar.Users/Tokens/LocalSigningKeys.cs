using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Bazaar.Users.Tokens;

/// <summary>The user-service validates tokens against its own key store rather than fetching its
/// own JWKS over the network; it accepts every key it publishes.</summary>
internal sealed class LocalSigningKeys(SigningKeyStore keys) : IConfigurationManager<OpenIdConnectConfiguration>
{
    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var configuration = new OpenIdConnectConfiguration();
        foreach (var key in keys.Published)
        {
            configuration.SigningKeys.Add(key.PublicKey);
        }
        return Task.FromResult(configuration);
    }

    public void RequestRefresh() { }
}
