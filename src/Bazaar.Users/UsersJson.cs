using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Users.Accounts;

namespace Bazaar.Users;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(AccountResponse))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(Bazaar.Users.Tokens.JsonWebKeySetResponse))]
internal sealed partial class UsersJson : JsonSerializerContext;
