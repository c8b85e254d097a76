using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bazaar.Platform.Governance.Policy;

/// <summary>Durations as Istio writes them: a number and a unit, <c>250ms</c>, <c>2s</c>,
/// <c>1.5m</c>, <c>1h</c>.</summary>
internal sealed class IstioDurationConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return TryParse(text, out var duration)
            ? duration
            : throw new JsonException($"'{text ?? reader.TokenType.ToString()}' is not a duration: write a number and a unit, such as 250ms, 2s, 1m or 1h.");
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var unitStart = text.AsSpan().IndexOfAnyExcept("0123456789.-");
        if (unitStart <= 0
            || !double.TryParse(text.AsSpan(0, unitStart), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount)
            || !double.IsFinite(amount))
        {
            return false;
        }
        double? milliseconds = text[unitStart..] switch
        {
            "ms" => amount,
            "s" => amount * 1_000,
            "m" => amount * 60_000,
            "h" => amount * 3_600_000,
            _ => null,
        };
        if (milliseconds is not { } ms || Math.Abs(ms) > TimeSpan.FromDays(1).TotalMilliseconds)
        {
            return false;
        }
        duration = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    public static string Format(TimeSpan value) =>
        value.TotalMilliseconds % 1_000 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds}s")
            : string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds}ms");
}
