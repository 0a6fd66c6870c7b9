using System.Text.Json.Nodes;
using Corral.Store.Create;
using Corral.Store.Manifests;
using Corral.Store.Modelfiles;
using Corral.Store.Names;
using Corral.Store.Show;

namespace Corral.Store.Tests;

/// <summary>
/// A vision model is a model GGUF plus a projector GGUF (<c>general.architecture</c> <c>clip</c>): created from a
/// Modelfile with two FROM lines, it gets a projector layer, and show reports <c>vision</c>, the projector's
/// metadata as <c>projector_info</c> and the projector's FROM line (reference sections 1.8, 3, 4).
/// </summary>
public sealed class ProjectorTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    // A small projector: clip keys as llama.cpp's mmproj files carry them, one array short enough to show and one
    // long enough to be hidden without verbose, and one 4x4 F32 tensor (16 parameters).
    private static byte[] Projector() => new GgufBuilder()
        .String("general.architecture", "clip")
        .String("general.name", "tiny projector")
        .String("clip.projector_type", "mlp")
        .UInt32("clip.vision.image_size", 28)
        .Raw("clip.vision.image_mean", 9, ArrayOfUInt32(1, 2, 3))
        .Raw("clip.vision.layer_ids", 9, ArrayOfUInt32(1, 2, 3, 4, 5, 6))
        .Tensor("mm.0.weight", [4, 4], 0, 0)
        .Build(64);

    private static byte[] ArrayOfUInt32(params uint[] values)
    {
        var bytes = new List<byte>();
        bytes.AddRange(BitConverter.GetBytes(4u));
        bytes.AddRange(BitConverter.GetBytes((ulong)values.Length));
        foreach (var value in values)
        {
            bytes.AddRange(BitConverter.GetBytes(value));
        }

        return bytes.ToArray();
    }

    private async Task<string> CreateFromModelfileAsync(string name, string modelfile, string directory)
    {
        var request = await ModelfileConverter.ToCreateRequestAsync(name, ModelfileParser.Parse(modelfile), directory,
            async (path, ct) => (await _temp.Store.Blobs.AddFileAsync(path, ct)).Digest.ToString());
        var progress = await StoreFixtureHelpers.CreateAsync(new CreateService(_temp.Store), request);
        Assert.Equal("success", progress[^1].Status);
        return name;
    }

    [Fact]
    public async Task TwoFromLinesMakeAModelAndAProjectorLayerThatShowReports()
    {
        var directory = Directory.CreateTempSubdirectory("corral-projector-").FullName;
        try
        {
            File.Copy(TestPaths.TinyLlama2, Path.Combine(directory, "model.gguf"));
            await File.WriteAllBytesAsync(Path.Combine(directory, "mmproj.gguf"), Projector());

            await CreateFromModelfileAsync("seer", "FROM ./model.gguf\nFROM ./mmproj.gguf\n", directory);

            var layers = _temp.Store.Manifests.Read(ModelName.Parse("seer"))!.Manifest.Layers;
            var projector = Assert.Single(layers, l => l.MediaType == MediaTypes.Projector);
            Assert.Single(layers, l => l.MediaType == MediaTypes.Model);
            Assert.Equal("mmproj.gguf", projector.From);

            var shown = new ShowService(_temp.Store).Show("seer");
            Assert.Equal(["completion", "vision"], shown.Capabilities);
            var projectorPath = _temp.Store.Blobs.GetPath(Blobs.Digest.Parse(projector.Digest));
            Assert.Contains($"\nFROM {projectorPath}\n", shown.Modelfile);
            // Ollama's getModelData on the projector: every key (general.name too), the parameter count, long
            // arrays emptied unless verbose.
            Assert.Equal("""
                {"clip.projector_type":"mlp","clip.vision.image_mean":[1,2,3],"clip.vision.image_size":28,"clip.vision.layer_ids":[],"general.architecture":"clip","general.name":"tiny projector","general.parameter_count":16}
                """, shown.ProjectorInfo!.ToJsonString());
            var verbose = new ShowService(_temp.Store).Show("seer", verbose: true);
            Assert.Equal("[1,2,3,4,5,6]", verbose.ProjectorInfo!["clip.vision.layer_ids"]!.ToJsonString());

            // The Modelfile show prints re-creates the same layers (both FROM lines name blobs that exist).
            await CreateFromModelfileAsync("copy", shown.Modelfile, directory);
            Assert.Equal(WeightLayers(layers), WeightLayers(_temp.Store.Manifests.Read(ModelName.Parse("copy"))!.Manifest.Layers));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IEnumerable<(string, string)> WeightLayers(IEnumerable<ManifestLayer> layers) =>
        layers.Where(l => l.MediaType is MediaTypes.Model or MediaTypes.Projector)
            .Select(l => (l.MediaType, l.Digest))
            .OrderBy(l => l.MediaType, StringComparer.Ordinal);

    [Fact]
    public async Task AModelWithoutProjectorHasNoProjectorInfo()
    {
        var model = await StoreFixtureHelpers.UploadAsync(_temp, TestPaths.TinyLlama2);
        await StoreFixtureHelpers.CreateAsync(new CreateService(_temp.Store), new CreateModelRequest
        {
            Model = "plain",
            Files = new Dictionary<string, string> { ["model.gguf"] = model },
        });

        var shown = new ShowService(_temp.Store).Show("plain");

        Assert.Null(shown.ProjectorInfo);
        Assert.DoesNotContain("vision", shown.Capabilities);
    }
}
