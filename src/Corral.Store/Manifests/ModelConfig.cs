using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Store.Manifests;

/// <summary>
/// The config blob (Go <c>ConfigV2</c>), members in Ollama's order: the first five and architecture/os
/// always written, the rest omitted when empty (reference §3; no <c>rootfs</c> in the snapshot we follow).
/// </summary>
public sealed record ModelConfig
{
    [JsonPropertyName("model_format")]
    public string ModelFormat { get; init; } = "";

    [JsonPropertyName("model_family")]
    public string ModelFamily { get; init; } = "";

    [JsonPropertyName("model_families")]
    public IReadOnlyList<string>? ModelFamilies { get; init; }

    [JsonPropertyName("model_type")]
    public string ModelType { get; init; } = "";

    [JsonPropertyName("file_type")]
    public string FileType { get; init; } = "";

    [JsonPropertyName("renderer")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Renderer { get; init; }

    [JsonPropertyName("parser")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Parser { get; init; }

    [JsonPropertyName("requires")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? Requires { get; init; }

    [JsonPropertyName("remote_host")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? RemoteHost { get; init; }

    [JsonPropertyName("remote_model")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? RemoteModel { get; init; }

    [JsonPropertyName("capabilities")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string>? Capabilities { get; init; }

    [JsonPropertyName("context_length")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long ContextLength { get; init; }

    [JsonPropertyName("embedding_length")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long EmbeddingLength { get; init; }

    [JsonPropertyName("base_name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string? BaseName { get; init; }

    [JsonPropertyName("architecture")]
    public string Architecture { get; init; } = "amd64";

    [JsonPropertyName("os")]
    public string Os { get; init; } = "linux";

    public byte[] ToBytes() => StoreJson.Encode(this, StoreJsonContext.Default.ModelConfig);

    public static ModelConfig Parse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return JsonSerializer.Deserialize(bytes, StoreJsonContext.Default.ModelConfig)
                   ?? throw new StoreException(500, "invalid model config");
        }
        catch (JsonException e)
        {
            throw new StoreException(500, $"invalid model config: {e.Message}");
        }
    }
}
