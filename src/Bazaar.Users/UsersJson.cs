using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Users.Accounts;
using Bazaar.Users.Addresses;
using Bazaar.Users.Sessions;
using Bazaar.Users.Tokens;

namespace Bazaar.Users;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(UpdateProfileRequest))]
[JsonSerializable(typeof(AccountResponse))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(RefreshRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(AddressRequest))]
[JsonSerializable(typeof(AddressResponse))]
[JsonSerializable(typeof(IReadOnlyList<AddressResponse>))]
[JsonSerializable(typeof(JsonWebKeySetResponse))]
[JsonSerializable(typeof(KeyRotationResponse))]
internal sealed partial class UsersJson : JsonSerializerContext;
