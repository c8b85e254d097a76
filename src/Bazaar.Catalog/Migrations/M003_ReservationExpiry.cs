using FluentMigrator;

namespace Bazaar.Catalog.Migrations;

[Migration(3, "reservations expire")]
public sealed class M003_ReservationExpiry : Migration
{
    public override void Up()
    {
        // Null for reservations made before expiry existed: they are held until ended by hand.
        Alter.Table("reservations").AddColumn("expires_at").AsString(40).Nullable();
        // The sweeper asks for "Reserved and past its time", oldest first.
        Create.Index("ix_reservations_status_expires_at").OnTable("reservations")
            .OnColumn("status").Ascending().OnColumn("expires_at").Ascending();
    }

    public override void Down()
    {
        Delete.Index("ix_reservations_status_expires_at").OnTable("reservations");
        Delete.Column("expires_at").FromTable("reservations");
    }
}
