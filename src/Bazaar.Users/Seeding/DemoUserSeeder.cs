using System.Globalization;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Data;
using Bazaar.Users.Accounts;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bazaar.Users.Seeding;

/// <summary>Creates <c>Users:Seed:Users</c> demo accounts (<c>demo-00001@bazaar.test</c> ...) for
/// benchmarks on the first start that finds none. They share one password hash: PBKDF2 for each
/// of 100,000 accounts would take hours, and demo accounts protect nothing.</summary>
internal sealed class DemoUserSeeder(Database database, IPasswordHasher<Account> hasher, IOptions<UsersOptions> options, TimeProvider clock, ILogger<DemoUserSeeder> logger) : IHostedService
{
    private const int BatchSize = 1000;

    public static string Email(int number) => string.Create(CultureInfo.InvariantCulture, $"demo-{number:D5}@bazaar.test");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var seed = options.Value.Seed;
        if (seed.Users == 0) return;

        await using var connection = await database.OpenAsync(cancellationToken);
        var any = await connection.ExecuteScalarAsync<long>(
            "SELECT EXISTS (SELECT 1 FROM accounts WHERE email LIKE 'demo-%@bazaar.test')", new { cancellationToken });
        if (any == 1) return;

        var hash = hasher.HashPassword(null!, seed.Password);
        var now = clock.GetUtcNow();
        for (var first = 1; first <= seed.Users; first += BatchSize)
        {
            var accounts = Enumerable.Range(first, Math.Min(BatchSize, seed.Users - first + 1)).Select(number => new
            {
                Id = Guid.CreateVersion7(),
                Email = Email(number),
                PasswordHash = hash,
                Name = string.Create(CultureInfo.InvariantCulture, $"Demo User {number:D5}"),
                Role = Roles.Customer,
                CreatedAt = now,
            });
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // OR IGNORE: a replica starting at the same time may have inserted some already.
            await connection.ExecuteAsync(
                "INSERT OR IGNORE INTO accounts (id, email, password_hash, name, role, created_at) VALUES (@Id, @Email, @PasswordHash, @Name, @Role, @CreatedAt)",
                accounts, transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        logger.LogInformation("Created {Count} demo accounts", seed.Users);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
