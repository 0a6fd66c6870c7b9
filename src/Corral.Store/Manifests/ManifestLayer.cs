using System.Text.Json.Serialization;

namespace Corral.Store.Manifests;

/// <summary>One manifest layer (Go <c>Layer</c>): key order and omitempty fields as Ollama writes them.</summary>
public sealed record ManifestLayer(
    [property: JsonPropertyName("mediaType")] string MediaType,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("from")] string? From = null,
    [property: JsonPropertyName("name")] string? Name = null);
