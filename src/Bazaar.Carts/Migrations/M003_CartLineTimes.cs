using FluentMigrator;

namespace Bazaar.Carts.Migrations;

/// <summary>Each line remembers when the shopper last set it, so that a paid order only takes out
/// lines set before it was paid. Null for lines written before this migration: they count as old.</summary>
[Migration(3, "the time each cart line was last set")]
public sealed class M003_CartLineTimes : Migration
{
    public override void Up() => Alter.Table("cart_lines").AddColumn("updated_at").AsString(40).Nullable();

    public override void Down() => Delete.Column("updated_at").FromTable("cart_lines");
}
