using System.Text.Json;
using Corral.Store.Blobs;

namespace Corral.Store.Registry;

/// <summary>
/// The parts of a manifest the transfer needs. Parsing is bounded and strict (CVE-2025-1975 malformed manifests,
/// CVE-2024-37032 digest traversal): every digest is validated here, before anything touches the disk.
/// </summary>
/// <param name="ContentType">The manifest's own <c>mediaType</c>, sent back as Content-Type on push.</param>
public sealed record RegistryManifest(RegistryLayer Config, IReadOnlyList<RegistryLayer> Layers, string ContentType)
{
    /// <summary>What Ollama writes and asks for.</summary>
    public const string DockerMediaType = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>Also accepted on pull, so plain OCI registries holding OCI manifests work too.</summary>
    public const string OciMediaType = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>Layers then config, each digest once: the order Ollama pulls and pushes them.</summary>
    public IReadOnlyList<RegistryLayer> Blobs =>
        Layers.Append(Config).DistinctBy(layer => layer.Digest).ToList();

    public static RegistryManifest Parse(ReadOnlySpan<byte> json, RegistryOptions options)
    {
        if (json.Length > options.MaxManifestBytes)
            throw Invalid($"manifest is larger than {options.MaxManifestBytes} bytes");
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Invalid("manifest is not a JSON object");
            if (!root.TryGetProperty("config", out var config))
                throw Invalid("manifest has no config");
            if (!root.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Array)
                throw Invalid("manifest has no layers array");
            if (layers.GetArrayLength() > options.MaxLayers)
                throw Invalid($"manifest has more than {options.MaxLayers} layers");
            var contentType = StringProperty(root, "mediaType") is OciMediaType ? OciMediaType : DockerMediaType;
            return new RegistryManifest(ParseLayer(config), layers.EnumerateArray().Select(ParseLayer).ToList(),
                contentType);
        }
        catch (JsonException e)
        {
            throw Invalid($"manifest is not valid JSON: {e.Message}");
        }
    }

    private static RegistryLayer ParseLayer(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Invalid("manifest descriptor is not an object");
        var text = StringProperty(element, "digest");
        if (!Digest.TryParseCanonical(text, out var digest))
            throw Invalid($"invalid digest format: {Printable(text)}");
        if (!element.TryGetProperty("size", out var sizeElement) || sizeElement.ValueKind != JsonValueKind.Number
            || !sizeElement.TryGetInt64(out var size) || size < 0)
            throw Invalid($"invalid size for {digest}");
        // Required as in the store's manifest schema, so a pulled manifest never fails to save after its download.
        if (StringProperty(element, "mediaType") is not { } mediaType)
            throw Invalid($"missing mediaType for {digest}");
        return new RegistryLayer(mediaType, digest, size,
            StringProperty(element, "from"));
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    // The digest is attacker text that ends up in a log line or an API error: keep it short and plain.
    private static string Printable(string? digest) =>
        digest is null ? "(missing)" : new string(digest.Take(80).Select(c => char.IsControl(c) ? '?' : c).ToArray());

    private static RegistryException Invalid(string message) =>
        new(RegistryErrorKind.InvalidManifest, $"pull model manifest: {message}");
}
