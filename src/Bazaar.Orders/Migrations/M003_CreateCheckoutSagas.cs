using FluentMigrator;

namespace Bazaar.Orders.Migrations;

[Migration(3, "checkout sagas: the persisted progress of every order through stock, payment and compensation")]
public sealed class M003_CreateCheckoutSagas : Migration
{
    public override void Up()
    {
        Create.Table("order_sagas")
            .WithColumn("order_id").AsString(36).PrimaryKey().ForeignKey("orders", "id")
            .WithColumn("step").AsString(20).NotNullable()
            .WithColumn("payment_id").AsString(36).Nullable()
            // Why the order was given up (a CancelReason), and the words the customer sees.
            .WithColumn("outcome").AsString(40).Nullable()
            .WithColumn("detail").AsString(500).Nullable()
            .WithColumn("refunded_amount").AsString(40).Nullable()
            // Unix milliseconds, so that "due now" is a plain integer comparison.
            .WithColumn("deadline_at").AsInt64().NotNullable()
            .WithColumn("attempts").AsInt32().NotNullable()
            .WithColumn("next_attempt_at").AsInt64().NotNullable()
            .WithColumn("last_error").AsString(1000).Nullable()
            .WithColumn("updated_at").AsString(40).NotNullable();
        Execute.Sql("CREATE INDEX ix_order_sagas_due ON order_sagas (next_attempt_at) WHERE step <> 'Done'");

        // Orders placed before the saga existed: those still in checkout resume (and meet their
        // deadline, 15 minutes after they were placed); the rest have nothing left to do.
        Execute.Sql(
            """
            INSERT INTO order_sagas (order_id, step, attempts, deadline_at, next_attempt_at, updated_at)
            SELECT id,
                   CASE status WHEN 'Pending' THEN 'ReserveStock' WHEN 'StockReserved' THEN 'TakePayment' ELSE 'Done' END,
                   0, CAST((julianday(created_at) - 2440587.5) * 86400000 AS INTEGER) + 900000, 0, updated_at
            FROM orders
            """);
    }

    public override void Down() => Delete.Table("order_sagas");
}
