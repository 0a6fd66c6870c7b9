using System.Text;
using System.Text.Json;

namespace Corral.Grammar;

/// <summary>
/// The grammar for a request's <c>format</c>, decided on its raw JSON exactly as Ollama's llm/server.go does:
/// absent, <c>null</c> or <c>""</c> is no grammar; <c>"json"</c> is <see cref="JsonGrammar.Json"/>; an object
/// is a JSON Schema; anything else is an error.
/// </summary>
public static class FormatGrammar
{
    /// <summary>Returns the GBNF for <paramref name="format"/>, or null when no format is set. Throws
    /// <see cref="ArgumentException"/> with Ollama's message for a bad format, or
    /// <see cref="UnsupportedSchemaException"/> for a schema that cannot be converted.</summary>
    public static string? FromFormat(JsonElement? format)
    {
        if (format is not { } value || value.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }

        var raw = value.GetRawText();
        return raw switch
        {
            "null" or "\"\"" => null,
            "\"json\"" => JsonGrammar.Json,
            _ when value.ValueKind == JsonValueKind.Object => JsonSchemaGrammar.FromSchema(value),
            _ => throw new ArgumentException($"invalid format: {GoQuote(raw)}; expected \"json\" or a valid JSON Schema object"),
        };
    }

    /// <summary>Go's %q of the raw bytes, so the message is byte-for-byte Ollama's.</summary>
    private static string GoQuote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
