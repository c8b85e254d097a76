using System.Net.Http.Headers;
using Bazaar.Carts.Expiry;
using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bazaar.Carts.Tests;

/// <summary>cart-service on a clock the test moves. Without <see cref="ScheduledSweeps"/> the
/// background sweeper (hourly by default) is left out, so only the tests' explicit sweeps delete anything.</summary>
public class ExpiringCartFactory : CartFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected virtual bool ScheduledSweeps => false;

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        if (!ScheduledSweeps)
        {
            services.Remove(services.Single(descriptor => !descriptor.IsKeyedService && descriptor.ImplementationType == typeof(CartSweeper)));
        }
    }

    /// <summary>One sweep, now.</summary>
    public Task<int> SweepAsync() => Services.GetRequiredService<ExpiredCartSweep>().RunAsync(TestContext.Current.CancellationToken);

    /// <summary>A client whose token outlives every jump of the clock.</summary>
    public HttpClient LongLivedClientFor(Guid userId)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Issue(userId, lifetime: TimeSpan.FromDays(3650)));
        return client;
    }

    /// <summary>Whether the cart row is still stored (swept or not), whatever the API says about it.</summary>
    public async Task<bool> IsStoredAsync(Guid cartId)
    {
        await using var connection = await Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM carts WHERE id = @cartId", new { cartId }) == 1;
    }

    public async Task<bool> HasStoredCartAsync(Guid userId)
    {
        await using var connection = await Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM carts WHERE user_id = @userId", new { userId }) == 1;
    }
}
