using Bazaar.Platform;
using Bazaar.Platform.Data;
using Bazaar.Users;
using Bazaar.Users.Accounts;
using Bazaar.Users.Addresses;
using Bazaar.Users.Sessions;
using Bazaar.Users.Tokens;

var builder = WebApplication.CreateBuilder(args);
builder.AddBazaarDefaults("user-service", UsersJson.Default);
builder.Services.AddValidation(); // here, not in Platform: its source generator reads this assembly's endpoints
builder.AddBazaarDatabase(typeof(Program).Assembly);
builder.AddTokens();
builder.AddAccounts();
builder.AddSessions();
builder.AddAddresses();

var app = builder.Build();
app.UseBazaarDefaults();
app.MapTokens();
app.MapAccounts();
app.MapSessions();
app.MapAddresses();
app.Run();

public partial class Program;
