using Corral.Contracts.Ollama;
using System.Text.Json.Nodes;
using Corral.Store.Manifests;

namespace Corral.Store.Show;

/// <summary>Everything <c>/api/show</c> returns for a local model (Go <c>api.ShowResponse</c>), reference §1.8.</summary>
public sealed record ModelShowInfo(
    string License,
    string Modelfile,
    string Parameters,
    string Template,
    string System,
    string? Renderer,
    string? Parser,
    ModelDetails Details,
    IReadOnlyList<ModelMessage> Messages,
    JsonObject ModelInfo,
    JsonObject? ProjectorInfo,
    IReadOnlyList<ShowTensor> Tensors,
    IReadOnlyList<string> Capabilities,
    DateTime ModifiedAt,
    string? Requires);
