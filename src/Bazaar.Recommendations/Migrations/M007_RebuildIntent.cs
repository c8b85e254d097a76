using FluentMigrator;

namespace Bazaar.Recommendations.Migrations;

/// <summary>A rebuild's progress, kept with the counts it clears: <c>rewind_pending</c> is 1 from
/// the clear (same transaction) until the consumer group was rewound, so a crash in between is
/// healed by rewinding again; <c>catch_up_to</c> is the stream position that was the head when the
/// rebuild started (NULL: no rebuild yet), which the replay must reach before its lists replace the old ones.</summary>
[Migration(7, "rebuild intent and catch-up target")]
public sealed class M007_RebuildIntent : Migration
{
    public override void Up() => Execute.Sql("""
        ALTER TABLE model_state ADD COLUMN rewind_pending INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE model_state ADD COLUMN catch_up_to INTEGER NULL;
        """);

    public override void Down() => Execute.Sql("""
        ALTER TABLE model_state DROP COLUMN catch_up_to;
        ALTER TABLE model_state DROP COLUMN rewind_pending;
        """);
}
