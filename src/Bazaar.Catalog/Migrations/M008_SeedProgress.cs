using FluentMigrator;

namespace Bazaar.Catalog.Migrations;

/// <summary>Whether the sample catalog is still being written, so that a replica restarted in the
/// middle of it carries on instead of keeping a partial catalog.</summary>
[Migration(8, "sample catalog progress")]
public sealed class M008_SeedProgress : Migration
{
    public override void Up() => Create.Table("catalog_seed")
        .WithColumn("id").AsInt32().PrimaryKey()
        .WithColumn("state").AsString(10).NotNullable();

    public override void Down() => Delete.Table("catalog_seed");
}
