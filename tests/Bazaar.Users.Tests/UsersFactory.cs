using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bazaar.Testing;
using Bazaar.Users.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Xunit;

namespace Bazaar.Users.Tests;

/// <summary>The user-service on a clock the test moves, validating both the test's own tokens and
/// the ones it issues itself.</summary>
public class UsersFactory : ServiceFactory<Program>
{
    public const string Password = "correct horse";

    /// <summary>Starts at the real time, so tokens it stamps also verify by the wall clock.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        services.Replace(ServiceDescriptor.Singleton<IConfigurationManager<OpenIdConnectConfiguration>>(provider =>
            new BothKeySets(Tokens.KeySet(), new LocalSigningKeys(provider.GetRequiredService<SigningKeyStore>()))));
    }

    public static string UniqueEmail() => $"shopper-{Guid.NewGuid():N}@example.com";

    /// <summary>Registers an account and answers the login's tokens.</summary>
    public async Task<LoginTokens> SignUpAsync(string? email = null)
    {
        var ct = TestContext.Current.CancellationToken;
        email ??= UniqueEmail();
        var client = CreateClient();
        var registered = await client.PostAsJsonAsync("/api/users/register", new { email, password = Password, name = "Ann" }, ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return await LoginAsync(email, Password);
    }

    public async Task<LoginTokens> LoginAsync(string email, string password)
    {
        var ct = TestContext.Current.CancellationToken;
        var login = await CreateClient().PostAsJsonAsync("/api/users/login", new { email, password }, ct);
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync(ct));
        return (await login.Content.ReadFromJsonAsync<LoginTokens>(ct))!;
    }

    /// <summary>A client calling with an access token the service issued.</summary>
    public HttpClient ClientWith(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public sealed record LoginTokens(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, int RefreshExpiresIn);

    private sealed class BothKeySets(IConfigurationManager<OpenIdConnectConfiguration> test, LocalSigningKeys service) : IConfigurationManager<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
        {
            var configuration = await service.GetConfigurationAsync(cancel);
            foreach (var key in (await test.GetConfigurationAsync(cancel)).SigningKeys)
            {
                configuration.SigningKeys.Add(key);
            }
            return configuration;
        }

        public void RequestRefresh() { }
    }
}
