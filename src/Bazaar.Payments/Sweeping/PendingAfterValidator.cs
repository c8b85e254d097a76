using Bazaar.Payments.Provider;
using Bazaar.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bazaar.Payments.Sweeping;

/// <summary>Refuses to start with a <see cref="SweeperOptions.PendingAfter"/> a live charge can
/// outlast: the sweeper would abandon payments that are still being charged.</summary>
internal sealed class PendingAfterValidator(IOptions<ProviderCallOptions> provider, Database database) : IValidateOptions<SweeperOptions>
{
    public ValidateOptionsResult Validate(string? name, SweeperOptions options)
    {
        // The payment is stamped once it is claimed; then the provider calls (bounded by their
        // timeout), then the answer is recorded, which may wait for the write lock up to the busy timeout.
        var busyTimeout = TimeSpan.FromSeconds(new SqliteConnectionStringBuilder(database.ConnectionString).DefaultTimeout);
        var longestCharge = provider.Value.Timeout + busyTimeout;
        return options.PendingAfter > longestCharge
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Payments:Sweeper:PendingAfter ({options.PendingAfter}) must exceed the longest a charge can stay Pending: " +
                $"Payments:Provider:Timeout ({provider.Value.Timeout}) + the SQLite busy timeout ({busyTimeout}) = {longestCharge}. " +
                "Otherwise the sweeper abandons payments still being charged.");
    }
}
