using System.Text.Json.Nodes;
using Corral.Store;
using Corral.Store.Create;
using Corral.Store.Manifests;
using Corral.Store.Models;
using Corral.Store.Registry;
using Corral.Store.Transfer;

namespace Corral.Registry.Tests;

/// <summary>A real model store in a temporary directory, with models made by the store's own CreateService.</summary>
internal sealed class TransferTestStore : IDisposable
{
    private readonly TempDirectory _temp = new();

    public TransferTestStore(bool noPrune = false)
    {
        Store = new ModelStore(new StorePaths(_temp.Sub("models")), noPrune);
    }

    public ModelStore Store { get; }

    /// <summary>Every file under the temporary directory, relative to it.</summary>
    public IReadOnlyList<string> Files() => _temp.Files();

    public ModelTransferService Transfer(RegistryOptions? options = null) => new(Store, options ?? new RegistryOptions());

    /// <summary>Creates <paramref name="name"/> from the fixture GGUF with a template, a system prompt and parameters;
    /// <paramref name="withProjector"/> adds a (weightless) clip GGUF, so the model gets a vision projector layer.</summary>
    public async Task CreateModelAsync(string name, string system, bool withProjector = false)
    {
        var gguf = await Store.Blobs.AddFileAsync(TestPaths.TinyLlama);
        var files = new Dictionary<string, string> { ["model.gguf"] = gguf.Digest.ToString() };
        if (withProjector)
        {
            files["mmproj.gguf"] = (await Store.Blobs.AddBytesAsync(ClipGguf())).Digest.ToString();
        }
        var request = new CreateModelRequest
        {
            Model = name,
            Files = files,
            Template = "{{ if .System }}{{ .System }} {{ end }}{{ .Prompt }}",
            System = system,
            Parameters = JsonNode.Parse("""{"temperature":0.25,"stop":["</s>"],"num_ctx":256}""")!.AsObject(),
            Messages = [new ModelMessage("user", "hi"), new ModelMessage("assistant", "hello")],
        };
        await foreach (var _ in new CreateService(Store).CreateAsync(request))
        {
        }
    }

    // GGUF v3 with no tensors and one key, general.architecture = clip: what makes create file it as a projector.
    private static byte[] ClipGguf()
    {
        using var bytes = new MemoryStream();
        using var writer = new BinaryWriter(bytes);
        writer.Write("GGUF"u8);
        writer.Write(3u);
        writer.Write(0UL);
        writer.Write(1UL);
        foreach (var (text, type) in new[] { ("general.architecture", 8u), ("clip", 0u) })
        {
            writer.Write((ulong)text.Length);
            writer.Write(System.Text.Encoding.UTF8.GetBytes(text));
            if (type != 0)
            {
                writer.Write(type);
            }
        }
        writer.Flush();
        return bytes.ToArray();
    }

    /// <summary>Reads a transfer stream to its end into <paramref name="events"/>; a failure still leaves what came before.</summary>
    public static async Task<List<RegistryProgress>> CollectAsync(IAsyncEnumerable<RegistryProgress> stream,
        List<RegistryProgress>? events = null)
    {
        events ??= [];
        await foreach (var progress in stream)
        {
            events.Add(progress);
        }

        return events;
    }

    public void Dispose() => _temp.Dispose();
}
