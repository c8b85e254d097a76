using FluentMigrator;

namespace Bazaar.Users.Migrations;

[Migration(1, "accounts and signing keys")]
public sealed class M001_CreateAccounts : Migration
{
    public override void Up()
    {
        Create.Table("accounts")
            .WithColumn("id").AsString(36).PrimaryKey()
            .WithColumn("email").AsString(320).NotNullable().Unique()
            .WithColumn("password_hash").AsString(200).NotNullable()
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("role").AsString(20).NotNullable()
            .WithColumn("created_at").AsString(40).NotNullable();

        Create.Table("signing_keys")
            .WithColumn("kid").AsString(64).PrimaryKey()
            .WithColumn("private_key").AsString(4000).NotNullable()
            .WithColumn("created_at").AsString(40).NotNullable()
            .WithColumn("retired_at").AsString(40).Nullable();
    }

    public override void Down()
    {
        Delete.Table("signing_keys");
        Delete.Table("accounts");
    }
}
