using FluentMigrator;

namespace Bazaar.Payments.Migrations;

[Migration(2, "refunds")]
public sealed class M002_CreateRefunds : Migration
{
    public override void Up()
    {
        // A refund row is written (Pending) before the provider is asked, inside the transaction that
        // checks the captured amount, so concurrent refunds cannot together exceed the capture.
        Create.Table("refunds")
            .WithColumn("id").AsString(36).PrimaryKey()
            .WithColumn("payment_id").AsString(36).NotNullable().Indexed()
            .WithColumn("amount").AsString(40).NotNullable()
            .WithColumn("currency").AsString(3).NotNullable()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("idempotency_key").AsString(255).NotNullable().Unique()
            .WithColumn("request_fingerprint").AsString(64).NotNullable()
            .WithColumn("response").AsString(2000).Nullable()
            .WithColumn("provider_reference").AsString(64).Nullable()
            .WithColumn("created_at").AsString(40).NotNullable();
    }

    public override void Down() => Delete.Table("refunds");
}
