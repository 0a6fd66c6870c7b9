using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Corral.Store.Blobs;
using Corral.Store.Gguf;
using Corral.Store.Manifests;
using Corral.Store.Models;
using Corral.Store.Names;
using Corral.Templates;

namespace Corral.Store.Create;

/// <summary>
/// The logic behind <c>/api/create</c> (https://github.com/ollama/ollama/blob/main/server/create.go): builds
/// layers from a base model and/or uploaded GGUF blobs, applies template/system/license/parameters/messages,
/// writes the config and the manifest, and reports Ollama's progress statuses. Expected failures are
/// <see cref="StoreException"/>s with Ollama's error strings.
/// </summary>
/// <param name="store">The store to create in.</param>
/// <param name="quantizer">Quantizes F16/BF16/F32 weights; without one, <c>quantize</c> is a clear error.</param>
/// <param name="validateTemplate">Returns the Go template parser's error for a TEMPLATE, or null when it parses
/// (the lead plugs in Corral.Templates); a failure is 400 <c>template error: &lt;error&gt;</c>.</param>
public sealed class CreateService(ModelStore store, IQuantizer? quantizer = null, Func<string, string?>? validateTemplate = null)
{
    private const string ProgressDigest = "0000000000000000000";
    private static readonly string[] QuantizeTypes = ["Q4_K_S", "Q4_K_M", "Q8_0", "F16", "F32"];

    /// <summary>Runs a create, yielding progress; the last item is <c>success</c>, a failure throws.</summary>
    public async IAsyncEnumerable<CreateProgress> CreateAsync(
        CreateModelRequest request, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var channel = Channel.CreateUnbounded<CreateProgress>(new UnboundedChannelOptions { SingleReader = true });
        var run = Task.Run(async () =>
        {
            try
            {
                await CreateAsync(request, p => channel.Writer.WriteAsync(p, ct), ct).ConfigureAwait(false);
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, CancellationToken.None);

        await foreach (var progress in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            yield return progress;
        }

        await run.ConfigureAwait(false);
    }

    /// <summary>Runs a create, reporting each progress step through <paramref name="onProgress"/>.</summary>
    public async Task CreateAsync(CreateModelRequest request, Func<CreateProgress, ValueTask> onProgress, CancellationToken ct = default)
    {
        var name = ModelName.Parse(request.Model);
        if (!name.IsValid)
        {
            throw StoreException.BadRequest("invalid model name");
        }

        var files = ValidateFiles(request.Files);
        var adapters = ValidateFiles(request.Adapters);
        if (string.IsNullOrEmpty(request.From) && files.Count == 0)
        {
            throw StoreException.BadRequest("neither 'from' or 'files' was specified");
        }

        if (adapters.Count > 1)
        {
            throw StoreException.BadRequest("only one adapter is currently supported");
        }

        var pins = new List<IDisposable>();
        try
        {
            var build = new ModelBuild();

            // As upstream, a base model and uploaded files are alternatives: with "from", "files" is ignored.
            if (!string.IsNullOrEmpty(request.From))
            {
                InheritFrom(request.From, build, pins);
            }
            else
            {
                foreach (var (fileName, digest) in files)
                {
                    await onProgress(new CreateProgress("parsing GGUF")).ConfigureAwait(false);
                    AddGgufLayer(fileName, digest, build, pins, adapter: false);
                }
            }

            foreach (var (fileName, digest) in adapters)
            {
                AddGgufLayer(fileName, digest, build, pins, adapter: true);
            }

            if (!string.IsNullOrEmpty(request.Quantize))
            {
                await QuantizeAsync(request.Quantize, build, pins, onProgress, ct).ConfigureAwait(false);
            }

            if (string.IsNullOrEmpty(request.From))
            {
                await DetectTemplateAsync(build, pins, onProgress, ct).ConfigureAwait(false);
            }

            await ApplyTextLayersAsync(request, build, pins, ct).ConfigureAwait(false);

            foreach (var pending in build.Layers)
            {
                var verb = pending.Existed ? "using existing layer" : "creating new layer";
                await onProgress(new CreateProgress($"{verb} {pending.Layer.Digest}")).ConfigureAwait(false);
            }

            var layers = build.Layers.Select(l => l.Layer).ToList();
            var config = build.Config with
            {
                Renderer = NonEmpty(request.Renderer) ?? build.Config.Renderer,
                Parser = NonEmpty(request.Parser) ?? build.Config.Parser,
                Requires = NonEmpty(request.Requires) ?? build.Config.Requires,
            };
            var configLayer = await AddBlobAsync(config.ToBytes(), MediaTypes.Config, pins, ct).ConfigureAwait(false);

            await onProgress(new CreateProgress("writing manifest")).ConfigureAwait(false);
            await WriteManifestAsync(name, Manifest.Create(configLayer.Layer, layers), ct).ConfigureAwait(false);
            await onProgress(new CreateProgress("success")).ConfigureAwait(false);
        }
        finally
        {
            foreach (var pin in pins)
            {
                pin.Dispose();
            }
        }
    }

    private async Task WriteManifestAsync(ModelName name, Manifest manifest, CancellationToken ct)
    {
        name = store.Manifests.Canonicalize(name);
        using (await store.LockNameAsync(name, ct).ConfigureAwait(false))
        {
            StoredManifest? previous = null;
            try
            {
                previous = store.Manifests.Read(name);
            }
            catch (StoreException)
            {
                // A corrupt previous manifest is simply replaced; its blobs are left for startup pruning.
            }

            store.Manifests.Write(name, manifest);
            if (previous is not null && !store.NoPrune)
            {
                store.DeleteUnreferenced(previous.Manifest.BlobDigests());
            }
        }
    }

    private void InheritFrom(string from, ModelBuild build, List<IDisposable> pins)
    {
        var baseName = ModelName.Parse(from);
        if (!baseName.IsValid)
        {
            throw StoreException.BadRequest("invalid model name");
        }

        var stored = store.Manifests.Read(baseName)
                     ?? throw StoreException.NotFound($"model \"{from}\" not found, try pulling it first");
        pins.Add(store.Blobs.Pin(stored.Manifest.BlobDigests()));
        foreach (var digest in stored.Manifest.BlobDigests())
        {
            if (!store.Blobs.Exists(digest))
            {
                throw new StoreException(500, $"model \"{from}\" is missing blob {digest}");
            }
        }

        using (var configStream = store.Blobs.OpenRead(Digest.Parse(stored.Manifest.Config.Digest)))
        using (var buffer = new MemoryStream())
        {
            configStream.CopyTo(buffer);
            build.Config = ModelConfig.Parse(buffer.ToArray());
        }

        var source = stored.Name.DisplayShortest;
        foreach (var layer in stored.Manifest.Layers)
        {
            build.Layers.Add(new PendingLayer(layer with { From = source }, Existed: true));
        }
    }

    // The layer's "from" is the uploaded file's name, as Ollama's NewLayerFromLayer(digest, mediaType, sourceName).
    private void AddGgufLayer(string fileName, Digest digest, ModelBuild build, List<IDisposable> pins, bool adapter)
    {
        pins.Add(store.Blobs.Pin([digest]));
        var size = store.Blobs.GetSize(digest) ?? throw StoreException.BadRequest($"blob \"{digest}\" not found");
        var path = store.Blobs.GetPath(digest);
        if (!GgufReader.HasMagic(path))
        {
            throw StoreException.BadRequest("supplied file was not in GGUF format");
        }

        var gguf = ReadGguf(path);
        var mediaType = adapter || gguf.IsAdapter ? MediaTypes.Adapter
            : gguf.IsProjector ? MediaTypes.Projector
            : MediaTypes.Model;
        if (mediaType == MediaTypes.Model)
        {
            // A header-only GGUF (CVE-2024-39720's 4-byte upload, grown to a full header) parses, but a model
            // without weights only fails later in the runner: refuse it while the client is still listening.
            if (gguf.Tensors.Count == 0 || gguf.GetString("general.architecture") is null)
            {
                throw StoreException.BadRequest("invalid model: the GGUF file has no tensors or no general.architecture");
            }

            build.Config = ConfigFrom(gguf, build.Config);
            build.ModelFile = gguf;
        }

        build.Layers.Add(new PendingLayer(new ManifestLayer(mediaType, digest.ToString(), size, From: fileName), Existed: true));
    }

    private async Task QuantizeAsync(
        string requested, ModelBuild build, List<IDisposable> pins, Func<CreateProgress, ValueTask> onProgress, CancellationToken ct)
    {
        var type = QuantizeTypes.FirstOrDefault(t => t.Equals(requested, StringComparison.OrdinalIgnoreCase))
                   ?? throw StoreException.BadRequest(
                       $"unsupported quantization type {requested} - supported types are F32, F16, Q4_K_S, Q4_K_M, Q8_0");
        var index = build.Layers.FindIndex(l => l.Layer.MediaType == MediaTypes.Model);
        if (index < 0)
        {
            throw StoreException.BadRequest("no model layer to quantize");
        }

        var source = build.Layers[index].Layer;
        var sourcePath = store.Blobs.GetPath(Digest.Parse(source.Digest));
        var gguf = build.ModelFile ?? ReadGguf(sourcePath);
        if (gguf.FileTypeName is not ("F16" or "BF16" or "F32"))
        {
            throw StoreException.BadRequest("quantization is only supported for F16, BF16 and F32 models");
        }

        if (quantizer is null)
        {
            throw new StoreException(500, "quantization is not available: no quantizer is configured");
        }

        var status = $"quantizing {gguf.FileTypeName} model to {type}";
        await onProgress(new CreateProgress(status, ProgressDigest)).ConfigureAwait(false);
        Directory.CreateDirectory(store.Paths.Blobs);
        var target = store.Paths.NewTempFile();
        BlobInfo blob;
        try
        {
            var progress = new SynchronousProgress(p =>
                onProgress(new CreateProgress(status, ProgressDigest, p.Total, p.Completed)).AsTask().GetAwaiter().GetResult());
            await quantizer.QuantizeAsync(sourcePath, target, type, progress, ct).ConfigureAwait(false);
            await onProgress(new CreateProgress("verifying conversion")).ConfigureAwait(false);
            var quantized = ReadGguf(target);
            build.Config = ConfigFrom(quantized, build.Config);
            build.ModelFile = quantized;
            blob = await store.Blobs.AdoptFileAsync(target, ct).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(target);
        }

        pins.Add(store.Blobs.Pin([blob.Digest]));
        build.Layers[index] = new PendingLayer(
            new ManifestLayer(MediaTypes.Model, blob.Digest.ToString(), blob.Size), blob.Existed);
    }

    /// <summary>
    /// Ollama's detectChatTemplate, for files only: when the GGUF's Jinja <c>tokenizer.chat_template</c> is one of the
    /// built-in formats, that format becomes the template layer and its stop words a params layer. A TEMPLATE or
    /// PARAMETER in the request is applied afterwards and still wins.
    /// </summary>
    private async Task DetectTemplateAsync(
        ModelBuild build, List<IDisposable> pins, Func<CreateProgress, ValueTask> onProgress, CancellationToken ct)
    {
        if (build.ModelFile?.ChatTemplate is not { } jinja || NamedTemplates.Detect(jinja) is not { } named)
        {
            return;
        }

        await onProgress(new CreateProgress($"using autodetected template {named.Name}")).ConfigureAwait(false);
        await ReplaceAsync(build, [MediaTypes.Template, MediaTypes.Prompt], MediaTypes.Template,
            System.Text.Encoding.UTF8.GetBytes(named.Text), pins, ct).ConfigureAwait(false);
        if (named.Stop.Count > 0)
        {
            var parameters = new JsonObject { ["stop"] = new JsonArray(named.Stop.Select(s => (JsonNode?)s).ToArray()) };
            await ReplaceAsync(build, [MediaTypes.Params], MediaTypes.Params,
                StoreJson.Encode(parameters, StoreJsonContext.Default.JsonObject), pins, ct).ConfigureAwait(false);
        }
    }

    private async Task ApplyTextLayersAsync(CreateModelRequest request, ModelBuild build, List<IDisposable> pins, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(request.Template))
        {
            if (validateTemplate?.Invoke(request.Template) is { } templateError)
            {
                throw StoreException.BadRequest($"template error: {templateError}");
            }

            await ReplaceAsync(build, [MediaTypes.Template, MediaTypes.Prompt], MediaTypes.Template,
                System.Text.Encoding.UTF8.GetBytes(request.Template), pins, ct).ConfigureAwait(false);
        }

        if (!string.IsNullOrEmpty(request.System))
        {
            await ReplaceAsync(build, [MediaTypes.System], MediaTypes.System,
                System.Text.Encoding.UTF8.GetBytes(request.System), pins, ct).ConfigureAwait(false);
        }

        foreach (var license in request.License ?? [])
        {
            build.Layers.Add(await AddBlobAsync(System.Text.Encoding.UTF8.GetBytes(license), MediaTypes.License, pins, ct)
                .ConfigureAwait(false));
        }

        if (request.Parameters is { Count: > 0 })
        {
            var merged = ReadParams(build) ?? new JsonObject();
            foreach (var (key, value) in request.Parameters)
            {
                merged[key] = value?.DeepClone();
            }

            // Go marshals a map with sorted keys; sorting keeps the params digest stable.
            var sorted = new JsonObject(merged.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
            await ReplaceAsync(build, [MediaTypes.Params], MediaTypes.Params,
                StoreJson.Encode(sorted, StoreJsonContext.Default.JsonObject), pins, ct).ConfigureAwait(false);
        }

        if (request.Messages is { Count: > 0 })
        {
            await ReplaceAsync(build, [MediaTypes.Messages], MediaTypes.Messages,
                StoreJson.Encode(request.Messages.ToList(), StoreJsonContext.Default.ListModelMessage), pins, ct)
                .ConfigureAwait(false);
        }
    }

    private JsonObject? ReadParams(ModelBuild build)
    {
        var layer = build.Layers.LastOrDefault(l => l.Layer.MediaType == MediaTypes.Params);
        if (layer is null)
        {
            return null;
        }

        using var stream = store.Blobs.OpenRead(Digest.Parse(layer.Layer.Digest));
        return JsonNode.Parse(stream) as JsonObject
               ?? throw new StoreException(500, "invalid params layer");
    }

    private async Task ReplaceAsync(
        ModelBuild build, string[] replaces, string mediaType, byte[] content, List<IDisposable> pins, CancellationToken ct)
    {
        build.Layers.RemoveAll(l => replaces.Contains(l.Layer.MediaType));
        build.Layers.Add(await AddBlobAsync(content, mediaType, pins, ct).ConfigureAwait(false));
    }

    // Pinned before its existence is checked, so a concurrent delete cannot collect a shared blob in between.
    private async Task<PendingLayer> AddBlobAsync(byte[] content, string mediaType, List<IDisposable> pins, CancellationToken ct)
    {
        var digest = Digest.Of(content);
        pins.Add(store.Blobs.Pin([digest]));
        var existed = store.Blobs.Exists(digest);
        if (!existed)
        {
            await store.Blobs.AddBytesAsync(content, ct).ConfigureAwait(false);
        }

        return new PendingLayer(new ManifestLayer(mediaType, digest.ToString(), content.Length), existed);
    }

    private static GgufFile ReadGguf(string path)
    {
        try
        {
            return GgufReader.Read(path);
        }
        catch (InvalidDataException e)
        {
            throw StoreException.BadRequest(e.Message);
        }
    }

    private static ModelConfig ConfigFrom(GgufFile gguf, ModelConfig inherited)
    {
        var family = gguf.Architecture;
        return inherited with
        {
            ModelFormat = "gguf",
            ModelFamily = family,
            ModelFamilies = [family],
            ModelType = HumanNumber.Format(gguf.ParameterCount),
            FileType = gguf.FileTypeName,
        };
    }

    private static Dictionary<string, Digest> ValidateFiles(IReadOnlyDictionary<string, string>? files)
    {
        var result = new Dictionary<string, Digest>(StringComparer.Ordinal);
        foreach (var (fileName, digest) in (files ?? new Dictionary<string, string>()).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (!IsValidRelativePath(fileName))
            {
                throw StoreException.BadRequest("file path must be relative");
            }

            result[fileName] = Digest.Parse(digest);
        }

        return result;
    }

    // Ollama's validateCreateFilePath: fs.ValidPath (unrooted, slash-separated, no empty, "." or ".." elements),
    // not "." itself, and no "\\" or ":" (Windows separators and drive letters).
    private static bool IsValidRelativePath(string path) =>
        path.Length > 0 && path.IndexOfAny(['\\', ':']) < 0 && path.Split('/').All(e => e is not ("" or "." or ".."));

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
