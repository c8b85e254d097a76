using FluentMigrator;

namespace Bazaar.Users.Migrations;

[Migration(2, "refresh tokens, login failures, phone and addresses, key activation times")]
public sealed class M002_SessionsProfilesAndKeyRotation : Migration
{
    public override void Up()
    {
        Alter.Table("accounts").AddColumn("phone").AsString(20).Nullable();

        // Only the SHA-256 of a refresh token is stored: a copy of the table logs nobody in.
        Create.Table("refresh_tokens")
            .WithColumn("token_hash").AsString(64).PrimaryKey()
            .WithColumn("family_id").AsString(36).NotNullable().Indexed("ix_refresh_tokens_family")
            .WithColumn("user_id").AsString(36).NotNullable().Indexed("ix_refresh_tokens_user")
            .WithColumn("created_at").AsString(40).NotNullable()
            .WithColumn("expires_at").AsString(40).NotNullable()
            .WithColumn("used_at").AsString(40).Nullable()
            .WithColumn("revoked_at").AsString(40).Nullable();

        Create.Table("login_failures")
            .WithColumn("id").AsString(36).PrimaryKey()
            .WithColumn("email").AsString(320).NotNullable()
            .WithColumn("failed_at").AsString(40).NotNullable().Indexed("ix_login_failures_failed_at");
        Create.Index("ix_login_failures_email").OnTable("login_failures").OnColumn("email").Ascending().OnColumn("failed_at").Ascending();

        Create.Table("addresses")
            .WithColumn("id").AsString(36).PrimaryKey()
            .WithColumn("user_id").AsString(36).NotNullable().Indexed("ix_addresses_user")
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("line1").AsString(200).NotNullable()
            .WithColumn("line2").AsString(200).Nullable()
            .WithColumn("city").AsString(100).NotNullable()
            .WithColumn("postal_code").AsString(20).NotNullable()
            .WithColumn("country").AsString(2).NotNullable()
            .WithColumn("phone").AsString(20).Nullable()
            .WithColumn("is_default").AsInt32().NotNullable()
            .WithColumn("created_at").AsString(40).NotNullable();
        // At most one default per user, whatever two requests do at once.
        Execute.Sql("CREATE UNIQUE INDEX ux_addresses_default ON addresses (user_id) WHERE is_default = 1");

        // A key is "next" until activates_at, "active" until retired_at (its successor's
        // activation) and published until an access-token lifetime after that.
        Alter.Table("signing_keys").AddColumn("activates_at").AsString(40).Nullable();
        Execute.Sql("UPDATE signing_keys SET activates_at = created_at");
    }

    public override void Down()
    {
        Delete.Column("activates_at").FromTable("signing_keys");
        Delete.Table("addresses");
        Delete.Table("login_failures");
        Delete.Table("refresh_tokens");
        Delete.Column("phone").FromTable("accounts");
    }
}
