using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Corral.Store;

/// <summary>Go-encoder-like JSON output: compact, '+' and non-ASCII unescaped, trailing newline.</summary>
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

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
