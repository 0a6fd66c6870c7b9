using System.Security.Cryptography;
using System.Text;
using Corral.Store.Registry;

namespace Corral.Registry.Tests;

/// <summary>Builds manifest JSON by hand, so tests can put anything (including hostile digests) in it.</summary>
internal static class ManifestJson
{
    public static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public static byte[] For(string configDigest, long configSize, params (string Digest, long Size)[] layers)
    {
        var layerJson = string.Join(',', layers.Select(layer =>
            $$"""{"mediaType":"application/vnd.ollama.image.model","digest":"{{layer.Digest}}","size":{{layer.Size}}}"""));
        return Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"{{RegistryManifest.DockerMediaType}}","config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"{{configDigest}}","size":{{configSize}}},"layers":[{{layerJson}}]}
            """);
    }

    /// <summary>A one-layer model whose blobs are served by <paramref name="registry"/>; returns the layer bytes.</summary>
    public static (byte[] Layer, byte[] Config) Publish(FakeRegistry registry, int layerSize = 300_000)
    {
        var layer = new byte[layerSize];
        Random.Shared.NextBytes(layer);
        var config = Encoding.UTF8.GetBytes("""{"model_format":"gguf"}""");
        registry.Blobs[Digest(layer)] = layer;
        registry.Blobs[Digest(config)] = config;
        registry.Manifests["latest"] = For(Digest(config), config.Length, (Digest(layer), layer.Length));
        return (layer, config);
    }
}
