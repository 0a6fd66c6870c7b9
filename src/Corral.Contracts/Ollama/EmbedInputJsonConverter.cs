using System.Text.Json;
using System.Text.Json.Serialization;
using Corral.Contracts.Json;

namespace Corral.Contracts.Ollama;

/// <summary>Accepts a string or an array of strings; anything else is Ollama's 400 <c>invalid input type</c>.</summary>
public sealed class EmbedInputJsonConverter : JsonConverter<EmbedInput>
{
    internal const string InvalidInputType = "invalid input type";

    public override EmbedInput Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new EmbedInput([reader.GetString()!], false);
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new WireValueException(InvalidInputType);
        }
        var texts = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new WireValueException(InvalidInputType);
            }
            texts.Add(reader.GetString()!);
        }
        return new EmbedInput(texts, true);
    }

    public override void Write(Utf8JsonWriter writer, EmbedInput value, JsonSerializerOptions options)
    {
        if (!value.IsArray && value.Texts.Count == 1)
        {
            writer.WriteStringValue(value.Texts[0]);
            return;
        }
        writer.WriteStartArray();
        foreach (var text in value.Texts)
        {
            writer.WriteStringValue(text);
        }
        writer.WriteEndArray();
    }
}
