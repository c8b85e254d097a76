using FluentMigrator;

namespace Bazaar.Recommendations.Migrations;

/// <summary>What each user bought and when last, for "for you". Orders counted before this migration
/// are not in it; a rebuild from the event log fills it.</summary>
[Migration(4, "each user's purchases")]
public sealed class M004_UserPurchases : Migration
{
    public override void Up() => Execute.Sql("""
        CREATE TABLE user_purchases (
            user_id TEXT NOT NULL, sku TEXT NOT NULL, paid_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, sku));
        """);

    public override void Down() => Delete.Table("user_purchases");
}
