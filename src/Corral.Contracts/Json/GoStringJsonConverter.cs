using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Contracts.Json;

/// <summary>
/// Go decodes a JSON <c>null</c> into a string field as the empty string; doing the same keeps
/// <c>{"model":null}</c> a "model is required" case instead of a null the server must special-case.
/// </summary>
public sealed class GoStringJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => true;

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? "" : reader.TokenType == JsonTokenType.String ? reader.GetString()!
            : throw new JsonException();

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);
}
