using System.Text.Json.Serialization;

namespace Bazaar.Bench.Scenarios;

// The shapes of the services' requests and responses the bench uses, read from their sources:
// src/Bazaar.Catalog (ProductPage, ProductSummary, Category), src/Bazaar.Users (RegisterRequest,
// LoginRequest, TokenResponse), src/Bazaar.Carts (SetQuantityRequest), src/Bazaar.Orders
// (CheckoutRequest, OrderResponse). Only the fields the bench reads are declared.

internal sealed record ProductPage(List<ProductSummary> Items, string? Next);

internal sealed record ProductSummary(Guid Id, string Sku, string Name, Guid CategoryId, int Available);

internal sealed record Category(Guid Id, string Name, string Slug);

internal sealed record RegisterRequest(string Email, string Password, string Name);

internal sealed record LoginRequest(string Email, string Password);

internal sealed record TokenResponse(string AccessToken, int ExpiresIn);

internal sealed record SetQuantityRequest(int Quantity);

internal sealed record CardInput(string Number, int ExpiryMonth, int ExpiryYear, string Cvc);

internal sealed record AddressInput(string Name, string Line1, string? Line2, string City, string PostalCode, string Country);

internal sealed record CheckoutRequest(CardInput Card, AddressInput ShippingAddress);

internal sealed record PlacedOrder(Guid Id, string Status);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProductPage))]
[JsonSerializable(typeof(List<Category>))]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(SetQuantityRequest))]
[JsonSerializable(typeof(CheckoutRequest))]
[JsonSerializable(typeof(PlacedOrder))]
internal sealed partial class ApiJson : JsonSerializerContext;
