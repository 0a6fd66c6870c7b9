using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Corral.Contracts.Ollama;
using Corral.Store.Blobs;
using Corral.Store.Gguf;
using Corral.Store.Manifests;
using Corral.Store.Modelfiles;
using Corral.Store.Models;
using Corral.Store.Names;

namespace Corral.Store.Show;

/// <summary>The data behind <c>/api/show</c> and <c>/api/tags</c>, read from manifests and blobs.</summary>
public sealed class ShowService(ModelStore store)
{
    // Blobs are content-addressed and immutable, so capabilities derived from one digest never change.
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _capabilities = new(StringComparer.Ordinal);

    /// <summary>
    /// Show one model. Errors: 400 <c>model is required</c>, 400 <c>invalid model name</c>, 404
    /// <c>model '&lt;short&gt;' not found</c> (the normalized name, as Ollama's show reports it).
    /// <paramref name="system"/> overrides the shown system prompt; <paramref name="options"/> are merged over
    /// the model's parameters (request keys win) as Ollama's show does.
    /// </summary>
    public ModelShowInfo Show(string? model, bool verbose = false, string? system = null, JsonObject? options = null)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            throw StoreException.BadRequest("model is required");
        }

        var name = ModelName.ParseValid(model);
        var stored = store.Manifests.Read(name)
                     ?? throw StoreException.NotFound($"model '{name.DisplayShortest}' not found");
        var layers = ReadLayers(stored);
        var gguf = layers.ModelPath is null ? null : ReadGguf(layers.ModelPath);
        var shownSystem = string.IsNullOrEmpty(system) ? layers.System : system;
        if (options is { Count: > 0 })
        {
            layers.Parameters ??= new JsonObject();
            foreach (var (key, value) in options)
            {
                layers.Parameters[key] = value?.DeepClone();
            }
        }

        var content = new ModelfileContent(
            layers.ModelPath ?? "", layers.Adapters, layers.Projectors, layers.Template, shownSystem,
            layers.Config.Renderer, layers.Config.Parser, layers.Parameters, layers.Licenses, layers.Messages);
        return new ModelShowInfo(
            License: string.Join('\n', layers.Licenses),
            Modelfile: ModelfileWriter.ForShow(stored.Name.DisplayShortest, content),
            Parameters: ModelfileWriter.ParametersText(layers.Parameters),
            Template: layers.Template ?? "",
            System: shownSystem ?? "",
            Renderer: layers.Config.Renderer,
            Parser: layers.Config.Parser,
            Details: Details(RepairFileType(layers.Config, gguf), layers.ParentModel),
            Messages: layers.Messages,
            ModelInfo: gguf is null ? new JsonObject() : ModelInfoBuilder.Build(gguf, verbose),
            ProjectorInfo: layers.Projectors.Count > 0 ? ModelInfoBuilder.BuildProjector(ReadGguf(layers.Projectors[0]), verbose) : null,
            Tensors: gguf?.Tensors.Select(t => new ShowTensor(t.Name, t.TypeName, t.Shape)).ToList() ?? [],
            Capabilities: Capabilities.Derive(gguf, layers.Template, layers.Projectors.Count > 0, layers.Config.ModelFamily),
            ModifiedAt: stored.ModifiedAt,
            Requires: layers.Config.Requires);
    }

    /// <summary>Capabilities of a model by name (for the server's capability checks).</summary>
    public IReadOnlyList<string> GetCapabilities(ModelName name)
    {
        var stored = store.Manifests.Read(name)
                     ?? throw StoreException.NotFound($"model '{name.DisplayShortest}' not found");
        return CapabilitiesOf(stored);
    }

    /// <summary>
    /// A model's manifest and resolved layers for inference (weights path, template, system, parameters,
    /// messages) with its capabilities, or null when <paramref name="name"/> is not in the store.
    /// </summary>
    public (StoredManifest Manifest, ModelLayers Layers, IReadOnlyList<string> Capabilities)? Find(ModelName name)
    {
        var stored = store.Manifests.Read(name);
        return stored is null ? null : (stored, ReadLayers(stored), CapabilitiesOf(stored));
    }

    /// <summary><c>/api/tags</c>: every readable model, newest first.</summary>
    public IReadOnlyList<ModelListEntry> List()
    {
        var entries = new List<ModelListEntry>();
        foreach (var stored in store.Manifests.List(out _))
        {
            ModelConfig config;
            IReadOnlyList<string> capabilities;
            try
            {
                config = ReadConfig(stored.Manifest);
                capabilities = CapabilitiesOf(stored);
            }
            catch (StoreException)
            {
                // A model whose config or weights blob is missing or corrupt cannot be listed, as upstream; one
                // broken model must not take the listing of all the others down with it.
                continue;
            }

            var shortName = stored.Name.DisplayShortest;
            entries.Add(new ModelListEntry(shortName, shortName, stored.ModifiedAt, stored.Manifest.TotalSize,
                stored.Digest, Details(config, ""), capabilities));
        }

        return entries.OrderByDescending(e => e.ModifiedAt).ToList();
    }

    private IReadOnlyList<string> CapabilitiesOf(StoredManifest stored) =>
        _capabilities.GetOrAdd(stored.Digest, _ =>
        {
            var layers = ReadLayers(stored);
            var gguf = layers.ModelPath is null ? null : ReadGguf(layers.ModelPath);
            return Capabilities.Derive(gguf, layers.Template, layers.Projectors.Count > 0, layers.Config.ModelFamily);
        });

    // Ollama's show repairs an unknown quantization level from the GGUF itself.
    private static ModelConfig RepairFileType(ModelConfig config, GgufFile? gguf) =>
        gguf is not null && config.FileType is "" or "unknown" ? config with { FileType = gguf.FileTypeName } : config;

    /// <summary>The <c>details</c> of tags, show and ps from a model's config layer.</summary>
    public static ModelDetails Details(ModelConfig config, string parentModel) => new()
    {
        ParentModel = parentModel,
        Format = config.ModelFormat,
        Family = config.ModelFamily,
        Families = config.ModelFamilies,
        ParameterSize = config.ModelType,
        QuantizationLevel = config.FileType,
    };

    private ModelLayers ReadLayers(StoredManifest stored)
    {
        var layers = new ModelLayers { Config = ReadConfig(stored.Manifest) };
        foreach (var layer in stored.Manifest.Layers)
        {
            var digest = Digest.Parse(layer.Digest);
            var path = store.Blobs.GetPath(digest);
            switch (layer.MediaType)
            {
                case MediaTypes.Model:
                    layers.ModelPath = path;
                    layers.ParentModel = layer.From ?? "";
                    break;
                case MediaTypes.Adapter: layers.Adapters.Add(path); break;
                case MediaTypes.Projector: layers.Projectors.Add(path); break;
                case MediaTypes.Template or MediaTypes.Prompt: layers.Template = ReadText(digest); break;
                case MediaTypes.System: layers.System = ReadText(digest); break;
                case MediaTypes.License: layers.Licenses.Add(ReadText(digest)); break;
                case MediaTypes.Params:
                    layers.Parameters = JsonNode.Parse(ReadText(digest)) as JsonObject
                                        ?? throw new StoreException(500, "invalid params layer");
                    break;
                case MediaTypes.Messages:
                    layers.Messages = JsonSerializer.Deserialize(ReadText(digest), StoreJsonContext.Default.ListModelMessage) ?? [];
                    break;
            }
        }

        return layers;
    }

    private ModelConfig ReadConfig(Manifest manifest) =>
        ModelConfig.Parse(Encoding.UTF8.GetBytes(ReadText(Digest.Parse(manifest.Config.Digest))));

    private string ReadText(Digest digest)
    {
        using var stream = store.Blobs.OpenRead(digest);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static GgufFile ReadGguf(string path)
    {
        try
        {
            return GgufReader.Read(path);
        }
        catch (InvalidDataException e)
        {
            throw new StoreException(500, $"invalid model file: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The IO message names the server path (ollama#13223); say what failed without it. A blob that is
            // a directory or unreadable surfaces as UnauthorizedAccessException on Linux.
            throw new StoreException(500, "model file could not be read");
        }
    }
}
