using FluentMigrator;

namespace Bazaar.Catalog.Migrations;

/// <summary>Goods that order-service sent back into stock (a cancelled paid order, a return after
/// delivery), per reservation, so that a retry is recognised and no reservation ever gives back
/// more than it sold.</summary>
[Migration(9, "stock returns")]
public sealed class M009_StockReturns : Migration
{
    public override void Up()
    {
        Create.Table("stock_returns")
            .WithColumn("id").AsString(36).PrimaryKey()
            .WithColumn("reservation_id").AsString(36).NotNullable()
            .WithColumn("returned_at").AsString(40).NotNullable();
        // "What has this reservation already given back?" is asked by every return.
        Create.Index("ix_stock_returns_reservation_id").OnTable("stock_returns").OnColumn("reservation_id").Ascending();

        Create.Table("stock_return_lines")
            .WithColumn("return_id").AsString(36).NotNullable().PrimaryKey("pk_stock_return_lines")
            .WithColumn("sku").AsString(64).NotNullable().PrimaryKey("pk_stock_return_lines")
            .WithColumn("quantity").AsInt32().NotNullable();

        // A record of stock movements is only worth something if nobody can rewrite it.
        foreach (var table in new[] { "stock_returns", "stock_return_lines" })
        {
            Execute.Sql($"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;");
            Execute.Sql($"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;");
        }
    }

    public override void Down()
    {
        Delete.Table("stock_return_lines");
        Delete.Table("stock_returns");
    }
}
