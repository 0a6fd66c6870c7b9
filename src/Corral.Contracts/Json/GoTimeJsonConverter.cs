using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Contracts.Json;

/// <summary>
/// Writes timestamps like Go's <c>time.Time.MarshalJSON</c> (RFC3339Nano: trailing fractional zeros dropped,
/// <c>Z</c> for UTC, <c>+hh:mm</c> otherwise) and reads any RFC 3339 timestamp.
/// </summary>
public sealed class GoTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("time must be a string"), CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    /// <summary>Go RFC3339Nano text for <paramref name="value"/>.</summary>
    public static string Format(DateTimeOffset value)
    {
        var text = value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');
        if (value.Offset == TimeSpan.Zero)
        {
            return text + "Z";
        }
        return text + value.ToString("zzz", CultureInfo.InvariantCulture);
    }
}
