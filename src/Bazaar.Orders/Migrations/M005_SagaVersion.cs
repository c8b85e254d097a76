using FluentMigrator;

namespace Bazaar.Orders.Migrations;

[Migration(5, "a version on every saga row, so that a driver that stalled past its lease cannot overwrite a newer decision")]
public sealed class M005_SagaVersion : Migration
{
    public override void Up() => Alter.Table("order_sagas").AddColumn("version").AsInt64().NotNullable().WithDefaultValue(0);

    public override void Down() => Delete.Column("version").FromTable("order_sagas");
}
