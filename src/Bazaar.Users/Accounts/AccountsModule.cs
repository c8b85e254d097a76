using Bazaar.Platform.Auth;
using Bazaar.Users.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bazaar.Users.Accounts;

internal static class AccountsModule
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AccountRepository>();
        builder.Services.AddSingleton<AccountService>();
        builder.Services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        builder.Services.AddHostedService<FirstAdminSeeder>();
        builder.Services.AddHostedService<DemoUserSeeder>();
        return builder;
    }

    /// <summary>Creates the administrator named in configuration, once.</summary>
    private sealed class FirstAdminSeeder(AccountService accounts, AccountRepository repository, IOptions<UsersOptions> options, ILogger<FirstAdminSeeder> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var admin = options.Value.Admin;
            if (string.IsNullOrWhiteSpace(admin.Email) || string.IsNullOrWhiteSpace(admin.Password)) return;
            if (await repository.FindByEmailAsync(Account.NormaliseEmail(admin.Email), cancellationToken) is not null) return;
            if (await accounts.RegisterAsync(admin.Email, admin.Password, "Administrator", Roles.Admin, cancellationToken) is not null)
            {
                logger.LogInformation("Created the first administrator account");
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
