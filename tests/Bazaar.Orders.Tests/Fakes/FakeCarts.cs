using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Bazaar.Orders.Downstream;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Bazaar.Orders.Tests.Fakes;

/// <summary>Carts by user. The user is read from the forwarded bearer token, so a checkout that
/// did not forward the caller's token finds no cart.</summary>
internal sealed class FakeCarts : ICartClient
{
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<CartLineView>> _carts = new();

    public ConcurrentDictionary<Guid, int> Reads { get; } = new();

    public ConcurrentBag<Guid> Unreachable { get; } = [];

    public void Put(Guid userId, params (string Sku, int Quantity)[] lines) =>
        _carts[userId] = lines.Select(line => new CartLineView(line.Sku, line.Quantity)).ToList();

    public Task<IReadOnlyList<CartLineView>> GetLinesAsync(AuthenticationHeaderValue caller, CancellationToken cancellationToken)
    {
        var userId = UserOf(caller);
        Reads.AddOrUpdate(userId, 1, (_, count) => count + 1);
        if (Unreachable.Contains(userId)) throw new DownstreamUnavailableException("cart-service");
        return Task.FromResult(_carts.TryGetValue(userId, out var lines) ? lines : []);
    }

    private static Guid UserOf(AuthenticationHeaderValue caller)
    {
        if (caller.Scheme != "Bearer") throw new InvalidOperationException("The caller's bearer token was not forwarded.");
        return Guid.Parse(new JsonWebToken(caller.Parameter).Subject);
    }
}
