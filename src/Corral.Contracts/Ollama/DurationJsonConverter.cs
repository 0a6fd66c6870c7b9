using System.Text.Json;
using System.Text.Json.Serialization;
using Corral.Contracts.Json;

namespace Corral.Contracts.Ollama;

/// <summary>
/// Reproduces <c>api.Duration.UnmarshalJSON/MarshalJSON</c>
/// (https://github.com/ollama/ollama/blob/main/api/types.go): numbers are seconds, strings are Go durations,
/// negatives mean forever and are written back as <c>-1</c>.
/// </summary>
public sealed class DurationJsonConverter : JsonConverter<Duration>
{
    private const double NanosecondsPerSecond = 1_000_000_000;

    public override Duration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                var seconds = reader.GetDouble();
                if (seconds < 0)
                {
                    return Duration.Forever;
                }
                var ns = seconds * NanosecondsPerSecond;
                return ns >= long.MaxValue ? Duration.Forever : new Duration((long)ns);
            case JsonTokenType.String:
                if (!GoDuration.TryParse(reader.GetString()!, out var parsed, out var error))
                {
                    throw new WireValueException(error!);
                }
                return parsed < 0 ? Duration.Forever : new Duration(parsed);
            default:
                throw new WireValueException($"Unsupported type: '{GoJsonTypes.DynamicTypeName(reader.TokenType)}'");
        }
    }

    public override void Write(Utf8JsonWriter writer, Duration value, JsonSerializerOptions options)
    {
        if (value.IsForever || value.Nanoseconds < 0)
        {
            writer.WriteNumberValue(-1);
            return;
        }
        writer.WriteStringValue(GoDuration.Format(value.Nanoseconds));
    }
}
