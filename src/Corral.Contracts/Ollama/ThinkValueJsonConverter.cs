using System.Text.Json;
using System.Text.Json.Serialization;
using Corral.Contracts.Json;

namespace Corral.Contracts.Ollama;

/// <summary>Reproduces <c>api.ThinkValue.UnmarshalJSON</c> and its exact 400 messages (reference section 1.2).</summary>
public sealed class ThinkValueJsonConverter : JsonConverter<ThinkValue>
{
    internal const string WrongTypeMessage =
        "think must be a boolean or string (\"high\", \"medium\", \"low\", \"max\", true, or false)";

    internal static string InvalidLevelMessage(string value) =>
        $"invalid think value: {GoQuote.Quote(value)} (must be \"high\", \"medium\", \"low\", \"max\", true, or false)";

    public override ThinkValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return ThinkValue.FromBool(true);
            case JsonTokenType.False:
                return ThinkValue.FromBool(false);
            case JsonTokenType.String:
                var level = reader.GetString()!;
                if (!ThinkValue.Levels.Contains(level))
                {
                    throw new WireValueException(InvalidLevelMessage(level));
                }
                return ThinkValue.FromLevel(level);
            default:
                throw new WireValueException(WrongTypeMessage);
        }
    }

    public override void Write(Utf8JsonWriter writer, ThinkValue value, JsonSerializerOptions options)
    {
        if (value.Level is { } level)
        {
            writer.WriteStringValue(level);
        }
        else
        {
            writer.WriteBooleanValue(value.Enabled);
        }
    }
}
