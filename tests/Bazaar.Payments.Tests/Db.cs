using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bazaar.Payments.Tests;

/// <summary>Reads and writes the service's tables the way the service stores them.</summary>
internal static class Db
{
    public static string Id(Guid id) => id.ToString().ToUpperInvariant();

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);

    /// <summary>A payment left Pending by a crash after it was claimed.</summary>
    public static Guid InsertPendingPayment(this SqliteConnection db, Guid orderId, DateTimeOffset createdAt)
    {
        var paymentId = Guid.CreateVersion7();
        db.Execute(
            """
            INSERT INTO payments (id, order_id, user_id, amount, currency, status, card_last4, idempotency_key, request_fingerprint, created_at)
            VALUES (@id, @orderId, @userId, '10', 'USD', 'Pending', '4242', @key, 'x', @createdAt)
            """,
            new { id = Id(paymentId), orderId = Id(orderId), userId = Id(Guid.NewGuid()), key = "crashed-" + paymentId, createdAt = Time(createdAt) });
        return paymentId;
    }

    public static string? PaymentStatus(this SqliteConnection db, Guid paymentId) =>
        db.ExecuteScalar<string>("SELECT status FROM payments WHERE id = @id", new { id = Id(paymentId) });

    public static List<string> PaymentStatusesOfOrder(this SqliteConnection db, Guid orderId) =>
        db.Query<string>("SELECT status FROM payments WHERE order_id = @id ORDER BY created_at, id", new { id = Id(orderId) }).ToList();

    public static List<Guid> PaymentIdsOfOrder(this SqliteConnection db, Guid orderId) =>
        db.Query<string>("SELECT id FROM payments WHERE order_id = @id ORDER BY created_at, id", new { id = Id(orderId) }).Select(Guid.Parse).ToList();

    public static List<string> LedgerKindsOfOrder(this SqliteConnection db, Guid orderId) =>
        db.Query<string>("SELECT l.kind FROM ledger_entries l JOIN payments p ON p.id = l.payment_id WHERE p.order_id = @id ORDER BY l.at, l.id",
            new { id = Id(orderId) }).ToList();

    public static List<(string Kind, decimal Amount)> LedgerOfPayment(this SqliteConnection db, Guid paymentId) =>
        db.Query<(string, string)>("SELECT kind, amount FROM ledger_entries WHERE payment_id = @id ORDER BY at, id", new { id = Id(paymentId) })
            .Select(e => (e.Item1, decimal.Parse(e.Item2, CultureInfo.InvariantCulture))).ToList();

    public static List<(Guid Id, string Status, decimal Amount)> Refunds(this SqliteConnection db, Guid paymentId) =>
        db.Query<(string, string, string)>("SELECT id, status, amount FROM refunds WHERE payment_id = @id ORDER BY created_at, id", new { id = Id(paymentId) })
            .Select(r => (Guid.Parse(r.Item1), r.Item2, decimal.Parse(r.Item3, CultureInfo.InvariantCulture))).ToList();

    public static bool IsClosed(this SqliteConnection db, Guid orderId) =>
        db.ExecuteScalar<long>("SELECT COUNT(*) FROM closed_orders WHERE order_id = @id", new { id = Id(orderId) }) > 0;
}
