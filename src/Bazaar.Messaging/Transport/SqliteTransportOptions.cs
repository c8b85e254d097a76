using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Bazaar.Messaging.Transport;

/// <summary>Settings of the embedded transport (section <c>Messaging:Sqlite</c>).</summary>
public sealed class SqliteTransportOptions
{
    /// <summary>The shared log file; every process of the platform opens the same one.
    /// Defaults to <c>&lt;Bazaar:DataDir&gt;/events.db</c>.</summary>
    [Required] public string Path { get; set; } = "";

    /// <summary>How long a consumer keeps its partitions and its place in the group without
    /// fetching; a crashed replica's partitions move to the others after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);
}

[OptionsValidator]
internal sealed partial class SqliteTransportOptionsValidator : IValidateOptions<SqliteTransportOptions>;
