using System.Text.Json;
using System.Text.Json.Serialization;
using Corral.Store.Blobs;

namespace Corral.Store.Manifests;

/// <summary>A schema v2 manifest (Go <c>Manifest</c>), reference §3.</summary>
public sealed record Manifest(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("mediaType")] string MediaType,
    [property: JsonPropertyName("config")] ManifestLayer Config,
    [property: JsonPropertyName("layers")] IReadOnlyList<ManifestLayer> Layers)
{
    public static Manifest Create(ManifestLayer config, IReadOnlyList<ManifestLayer> layers) =>
        new(2, MediaTypes.Manifest, config, layers);

    /// <summary>Bytes as Ollama's <c>json.NewEncoder(f).Encode(m)</c> writes them: compact, trailing newline.</summary>
    public byte[] ToBytes() => StoreJson.Encode(this, StoreJsonContext.Default.Manifest);

    /// <summary>
    /// Parses and schema-checks manifest bytes: every digest (config and layers) must be a valid
    /// <c>sha256:&lt;hex&gt;</c> before anything uses it as a path (CVE-2024-37032, CVE-2025-1975).
    /// </summary>
    public static Manifest Parse(ReadOnlySpan<byte> bytes)
    {
        Manifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(bytes, StoreJsonContext.Default.Manifest);
        }
        catch (JsonException e)
        {
            throw new StoreException(500, $"invalid manifest: {e.Message}");
        }

        if (manifest?.Config is null || manifest.Layers is null || manifest.Layers.Any(l => l is null))
        {
            throw new StoreException(500, "invalid manifest: missing config or layers");
        }

        foreach (var layer in manifest.Layers.Append(manifest.Config))
        {
            if (!Digest.TryParse(layer.Digest, out _) || layer.Size < 0 || layer.MediaType is null)
            {
                throw new StoreException(500, "invalid manifest: bad layer");
            }
        }

        return manifest;
    }

    /// <summary>Every blob this manifest references (config included).</summary>
    public IEnumerable<Digest> BlobDigests() => Layers.Append(Config).Select(l => Digest.Parse(l.Digest));

    /// <summary>Sum of layer sizes including the config, as /api/tags reports.</summary>
    [JsonIgnore]
    public long TotalSize => Config.Size + Layers.Sum(l => l.Size);
}
