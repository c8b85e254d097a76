using FluentMigrator;

namespace Bazaar.Payments.Migrations;

[Migration(1, "payments and the ledger")]
public sealed class M001_CreatePayments : Migration
{
    public override void Up()
    {
        Create.Table("payments")
            .WithColumn("id").AsString(36).PrimaryKey()
            .WithColumn("order_id").AsString(36).NotNullable().Indexed()
            .WithColumn("user_id").AsString(36).NotNullable()
            .WithColumn("amount").AsString(40).NotNullable()
            .WithColumn("currency").AsString(3).NotNullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("decline_code").AsString(64).Nullable()
            .WithColumn("card_last4").AsString(4).NotNullable()
            .WithColumn("idempotency_key").AsString(255).NotNullable().Unique()
            .WithColumn("request_fingerprint").AsString(64).NotNullable()
            .WithColumn("response").AsString(2000).Nullable()
            .WithColumn("created_at").AsString(40).NotNullable();

        // At most one capture per order, whatever the key: a payment in flight counts too, so two
        // concurrent attempts for one order cannot both reach the provider.
        Execute.Sql("CREATE UNIQUE INDEX ux_payments_order_captured ON payments (order_id) WHERE status IN ('Pending', 'Captured')");

        Create.Table("ledger_entries")
            .WithColumn("id").AsString(36).PrimaryKey()
            .WithColumn("payment_id").AsString(36).NotNullable().Indexed()
            .WithColumn("kind").AsString(40).NotNullable()
            .WithColumn("amount").AsString(40).NotNullable()
            .WithColumn("currency").AsString(3).NotNullable()
            .WithColumn("provider_reference").AsString(64).Nullable()
            .WithColumn("at").AsString(40).NotNullable();

        // The ledger is append-only: the database itself refuses to rewrite history.
        Execute.Sql("CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END");
        Execute.Sql("CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END");
    }

    public override void Down()
    {
        Delete.Table("ledger_entries");
        Delete.Table("payments");
    }
}
