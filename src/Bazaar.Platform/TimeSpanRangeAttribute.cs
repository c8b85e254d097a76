using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Bazaar.Platform;

/// <summary>A TimeSpan setting must lie between two bounds (inclusive), written as TimeSpan text
/// ("00:00:01", "1.00:00:00"). It does what <c>[Range(typeof(TimeSpan), min, max)]</c> does,
/// without that constructor's type converter, which a trimmed Native AOT build cannot keep.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class TimeSpanRangeAttribute(string minimum, string maximum) : ValidationAttribute("The field {0} must be between {1} and {2}.")
{
    public TimeSpan Minimum { get; } = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);

    public TimeSpan Maximum { get; } = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);

    // Null is left to [Required], as RangeAttribute does.
    public override bool IsValid(object? value) => value is not TimeSpan span || (span >= Minimum && span <= Maximum);

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ErrorMessageString, name, Minimum, Maximum);
}
