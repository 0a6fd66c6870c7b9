using Corral.Store.Gguf;
using Corral.Store.Manifests;

namespace Corral.Store.Create;

/// <summary>The model a create is assembling: its layers in manifest order, its config, its weights' metadata.</summary>
internal sealed class ModelBuild
{
    public List<PendingLayer> Layers { get; } = [];

    public ModelConfig Config { get; set; } = new();

    public GgufFile? ModelFile { get; set; }
}
