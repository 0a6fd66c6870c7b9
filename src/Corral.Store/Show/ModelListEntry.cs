using Corral.Contracts.Ollama;
namespace Corral.Store.Show;

/// <summary>One model of <c>/api/tags</c>: short name, manifest mtime, total size, manifest digest, details.</summary>
public sealed record ModelListEntry(
    string Name,
    string Model,
    DateTime ModifiedAt,
    long Size,
    string Digest,
    ModelDetails Details,
    IReadOnlyList<string> Capabilities);
