using System.Data.Common;
using Dapper;

namespace Bazaar.Payments.Ledger;

/// <summary>Appends ledger entries inside the caller's transaction, so a payment's status and its
/// ledger never disagree.</summary>
internal static class LedgerWriter
{
    public static async Task AppendAsync(DbConnection connection, DbTransaction transaction, IEnumerable<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO ledger_entries (id, payment_id, kind, amount, currency, provider_reference, at)
                VALUES (@Id, @PaymentId, @Kind, @Amount, @Currency, @ProviderReference, @At)
                """,
                new { entry.Id, entry.PaymentId, entry.Kind, entry.Amount.Amount, entry.Amount.Currency, entry.ProviderReference, entry.At, cancellationToken },
                transaction);
        }
    }
}
