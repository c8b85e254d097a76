using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Bazaar.Users.Tokens;

/// <summary>The user-service validates tokens against its own key store rather than fetching its
/// own JWKS over the network.</summary>
internal sealed class LocalSigningKeys(SigningKeyStore keys) : IConfigurationManager<OpenIdConnectConfiguration>
{
    public Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var configuration = new OpenIdConnectConfiguration();
        configuration.SigningKeys.Add(keys.Active.PublicKey);
        return Task.FromResult(configuration);
    }

    public void RequestRefresh() { }
}
