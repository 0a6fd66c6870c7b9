using Corral.Store.Create;
using Corral.Store.Manifests;
using Corral.Store.Names;

namespace Corral.Store.Tests;

/// <summary>GGUF files become model, adapter or projector layers, and show reflects them.</summary>
public sealed class LayerKindTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AdaptersAndProjectorsGetTheirMediaTypes()
    {
        var model = await StoreFixtureHelpers.UploadAsync(_temp, TestPaths.TinyLlama2);
        var projectorBytes = new GgufBuilder().String("general.architecture", "clip").String("general.type", "projector").Build(0);
        var projector = (await _temp.Store.Blobs.AddBytesAsync(projectorBytes)).Digest.ToString();
        var adapterBytes = new GgufBuilder().String("general.architecture", "llama").String("general.type", "adapter").Build(0);
        var adapter = (await _temp.Store.Blobs.AddBytesAsync(adapterBytes)).Digest.ToString();

        var progress = await StoreFixtureHelpers.CreateAsync(new CreateService(_temp.Store), new CreateModelRequest
        {
            Model = "vision",
            Files = new Dictionary<string, string> { ["model.gguf"] = model, ["mmproj.gguf"] = projector },
            Adapters = new Dictionary<string, string> { ["lora.gguf"] = adapter },
            Template = "{{ .Prompt }}",
        });

        Assert.Equal(2, progress.Count(p => p.Status == "parsing GGUF"));
        var manifest = _temp.Store.Manifests.Read(ModelName.Parse("vision"))!.Manifest;
        Assert.Equal(
            [(MediaTypes.Projector, projector), (MediaTypes.Model, model), (MediaTypes.Adapter, adapter)],
            manifest.Layers.Where(l => l.MediaType != MediaTypes.Template).Select(l => (l.MediaType, l.Digest)));

        var shown = new Show.ShowService(_temp.Store).Show("vision", system: "override");
        Assert.Equal(["completion", "vision"], shown.Capabilities);
        Assert.Equal(shown.Capabilities, new Show.ShowService(_temp.Store).GetCapabilities(ModelName.Parse("VISION")));
        Assert.Equal("override", shown.System);
        Assert.Contains("\nADAPTER ", shown.Modelfile);
        Assert.Equal("llama", shown.Details.Family);
    }

    [Fact]
    public async Task OnlyOneAdapterIsSupported()
    {
        var model = await StoreFixtureHelpers.UploadAsync(_temp, TestPaths.TinyLlama2);
        var e = await Assert.ThrowsAsync<StoreException>(() => StoreFixtureHelpers.CreateAsync(new CreateService(_temp.Store), new CreateModelRequest
        {
            Model = "m",
            Files = new Dictionary<string, string> { ["model.gguf"] = model },
            Adapters = new Dictionary<string, string> { ["a.gguf"] = model, ["b.gguf"] = model },
        }));
        Assert.Equal("only one adapter is currently supported", e.Message);
    }
}
