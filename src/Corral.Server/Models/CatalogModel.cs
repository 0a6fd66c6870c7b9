using System.Text.Json;
using Corral.Contracts.Ollama;

namespace Corral.Server.Models;

/// <summary>Everything the inference endpoints need to know about one local model (filled by the store).</summary>
public sealed record CatalogModel
{
    /// <summary><c>host/namespace/model:tag</c>.</summary>
    public string FullName { get; init; } = "";

    /// <summary>Shortest display name, e.g. <c>llama3.2:latest</c>.</summary>
    public string ShortName { get; init; } = "";

    /// <summary>Path of the GGUF weights blob; also the scheduler's key for a loaded runner.</summary>
    public string ModelPath { get; init; } = "";

    /// <summary>Paths of the vision projector blobs (<c>application/vnd.ollama.image.projector</c> layers); a runner
    /// that loads one can take images.</summary>
    public IReadOnlyList<string> ProjectorPaths { get; init; } = [];

    public string? Template { get; init; }

    public string? System { get; init; }

    /// <summary>Modelfile PARAMETERs as an options map (applied before the request's options).</summary>
    public IReadOnlyDictionary<string, JsonElement> Parameters { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Modelfile MESSAGE history.</summary>
    public IReadOnlyList<Message> Messages { get; init; } = [];

    /// <summary><c>completion</c>, <c>tools</c>, <c>insert</c>, <c>vision</c>, <c>embedding</c>, <c>thinking</c>...</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    public ModelDetails Details { get; init; } = new();

    /// <summary>Manifest digest (hex, no prefix).</summary>
    public string Digest { get; init; } = "";

    /// <summary>Sum of layer sizes in bytes.</summary>
    public long Size { get; init; }

    public bool Has(string capability) => Capabilities.Contains(capability);
}
