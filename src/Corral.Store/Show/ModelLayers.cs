using System.Text.Json.Nodes;
using Corral.Store.Manifests;

namespace Corral.Store.Show;

/// <summary>A model's manifest resolved into paths and the contents of its small layers.</summary>
public sealed class ModelLayers
{
    public required ModelConfig Config { get; init; }

    public string? ModelPath { get; set; }

    public string ParentModel { get; set; } = "";

    public List<string> Adapters { get; } = [];

    public List<string> Projectors { get; } = [];

    public string? Template { get; set; }

    public string? System { get; set; }

    public List<string> Licenses { get; } = [];

    public JsonObject? Parameters { get; set; }

    public List<ModelMessage> Messages { get; set; } = [];
}
