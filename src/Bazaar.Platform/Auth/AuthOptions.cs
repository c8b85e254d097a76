using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Bazaar.Platform.Auth;

/// <summary>How access tokens are validated, bound from <c>Bazaar:Auth</c>.</summary>
public sealed class BazaarAuthOptions
{
    [Required] public string Issuer { get; set; } = "bazaar-user-service";

    [Required] public string Audience { get; set; } = "bazaar";

    /// <summary>Where the user-service publishes its signing keys; a logical name resolved by
    /// service discovery.</summary>
    [Required, Url] public string JwksUrl { get; set; } = "http://user-service/.well-known/jwks.json";
}

[OptionsValidator]
internal sealed partial class BazaarAuthOptionsValidator : IValidateOptions<BazaarAuthOptions>;
