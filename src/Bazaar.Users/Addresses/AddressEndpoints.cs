using System.Security.Claims;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Users.Addresses;

internal static class AddressEndpoints
{
    public static void MapAddresses(this WebApplication app)
    {
        var addresses = app.MapGroup("/api/users/me/addresses").WithTags("addresses").RequireAuthorization();
        addresses.MapGet("/", List);
        addresses.MapPost("/", Add);
        addresses.MapPut("/{id:guid}", Replace);
        addresses.MapDelete("/{id:guid}", Delete);
    }

    private static async Task<Ok<IReadOnlyList<AddressResponse>>> List(ClaimsPrincipal user, AddressBook book, CancellationToken cancellationToken) =>
        TypedResults.Ok(await book.ListAsync(user.UserId(), cancellationToken));

    private static async Task<Results<Created<AddressResponse>, ProblemHttpResult>> Add(
        AddressRequest request, ClaimsPrincipal user, AddressBook book, CancellationToken cancellationToken)
    {
        var address = await book.AddAsync(user.UserId(), request, cancellationToken);
        return address is null
            ? Problem.Conflict("address-limit-reached", "Too many addresses", $"An account keeps at most {AddressBook.MaxAddresses} addresses; delete one first.")
            : TypedResults.Created($"/api/users/me/addresses/{address.Id}", address);
    }

    private static async Task<Results<Ok<AddressResponse>, ProblemHttpResult>> Replace(
        Guid id, AddressRequest request, ClaimsPrincipal user, AddressBook book, CancellationToken cancellationToken)
    {
        var address = await book.ReplaceAsync(user.UserId(), id, request, cancellationToken);
        return address is null ? Problem.NotFound("You have no address with this id.") : TypedResults.Ok(address);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, ClaimsPrincipal user, AddressBook book, CancellationToken cancellationToken) =>
        await book.DeleteAsync(user.UserId(), id, cancellationToken) ? TypedResults.NoContent() : Problem.NotFound("You have no address with this id.");
}
