using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Corral.Store;

/// <summary>Go <c>json.Encoder</c> output: compact, HTML characters escaped as \u003c, '+' and non-ASCII kept, trailing newline.</summary>
internal static class StoreJson
{
    // Go's encoder leaves '+' alone (the manifest media type contains one); the default .NET encoder
    // would write "\u002B" and change every manifest digest.
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Encode<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        // Go's encoder escapes these for HTML safety. They can only occur inside JSON strings, so replacing
        // them in the output is exact, and keeps params/messages blob digests equal to Ollama's.
        var json = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)
            .Replace("<", "\\u003c", StringComparison.Ordinal)
            .Replace(">", "\\u003e", StringComparison.Ordinal)
            .Replace("&", "\\u0026", StringComparison.Ordinal)
            .Replace("\u2028", "\\u2028", StringComparison.Ordinal)
            .Replace("\u2029", "\\u2029", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(json + "\n");
    }
}
