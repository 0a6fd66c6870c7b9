using System.Text;
using Corral.Store.Registry;

namespace Corral.Registry.Tests;

/// <summary>
/// A small Ollama-shaped model in a store: the fixture GGUF as the model layer, a template layer and a config blob,
/// plus the manifest bytes that reference them.
/// </summary>
internal sealed record TestModel(byte[] ManifestBytes, string ModelDigest, string TemplateDigest, string ConfigDigest)
{
    public IEnumerable<string> Digests => [ModelDigest, TemplateDigest, ConfigDigest];

    public static TestModel Create(Corral.Store.Blobs.BlobStore store, string? from = null)
    {
        var gguf = File.ReadAllBytes(TestPaths.TinyLlama);
        var template = Encoding.UTF8.GetBytes("{{ .System }} {{ .Prompt }}");
        var config = Encoding.UTF8.GetBytes(
            """{"model_format":"gguf","model_family":"llama","model_families":["llama"],"model_type":"1M","file_type":"F32","architecture":"amd64","os":"linux"}""");
        var modelDigest = store.Add(gguf);
        var templateDigest = store.Add(template);
        var configDigest = store.Add(config);
        var fromField = from is null ? "" : $",\"from\":\"{from}\"";
        var manifest = $$"""
            {"schemaVersion":2,"mediaType":"{{RegistryManifest.DockerMediaType}}","config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"{{configDigest}}","size":{{config.Length}}},"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"{{modelDigest}}","size":{{gguf.Length}}{{fromField}}},{"mediaType":"application/vnd.ollama.image.template","digest":"{{templateDigest}}","size":{{template.Length}}{{fromField}}}]}
            """;
        return new TestModel(Encoding.UTF8.GetBytes(manifest + "\n"), modelDigest, templateDigest, configDigest);
    }
}
