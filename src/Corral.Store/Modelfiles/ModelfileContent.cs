using System.Text.Json.Nodes;
using Corral.Store.Manifests;

namespace Corral.Store.Modelfiles;

/// <summary>What a shown Modelfile is made of: blob paths, texts, parameters, licenses and messages.</summary>
public sealed record ModelfileContent(
    string ModelPath,
    IReadOnlyList<string> AdapterPaths,
    IReadOnlyList<string> ProjectorPaths,
    string? Template,
    string? System,
    string? Renderer,
    string? Parser,
    JsonObject? Parameters,
    IReadOnlyList<string> Licenses,
    IReadOnlyList<ModelMessage> Messages);
