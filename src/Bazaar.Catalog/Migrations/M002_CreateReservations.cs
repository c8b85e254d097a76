using FluentMigrator;

namespace Bazaar.Catalog.Migrations;

[Migration(2, "stock reservations")]
public sealed class M002_CreateReservations : Migration
{
    public override void Up()
    {
        Create.Table("reservations")
            .WithColumn("id").AsString(36).PrimaryKey()
            .WithColumn("status").AsString(20).NotNullable()
            .WithColumn("created_at").AsString(40).NotNullable()
            .WithColumn("updated_at").AsString(40).NotNullable();

        Create.Table("reservation_lines")
            .WithColumn("reservation_id").AsString(36).NotNullable().PrimaryKey("pk_reservation_lines")
            .WithColumn("sku").AsString(64).NotNullable().PrimaryKey("pk_reservation_lines")
            .WithColumn("quantity").AsInt32().NotNullable();
    }

    public override void Down()
    {
        Delete.Table("reservation_lines");
        Delete.Table("reservations");
    }
}
