using System.Text;
using Corral.Store.Create;
using Corral.Store.Names;

namespace Corral.Store.Tests;

public sealed class ManifestStoreTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task NamesResolveCaseInsensitivelyToTheExistingManifest()
    {
        var gguf = await StoreFixtureHelpers.UploadAsync(_temp, TestPaths.TinyLlama2);
        var create = new CreateService(_temp.Store);
        await StoreFixtureHelpers.CreateAsync(create, new CreateModelRequest
        {
            Model = "MyModel:Tag", Files = new Dictionary<string, string> { ["m.gguf"] = gguf }, System = "first",
        });
        await StoreFixtureHelpers.CreateAsync(create, new CreateModelRequest
        {
            Model = "mymodel:tag", Files = new Dictionary<string, string> { ["m.gguf"] = gguf }, System = "second",
        });

        var manifests = _temp.Store.Manifests.List(out _);
        var only = Assert.Single(manifests);
        Assert.Equal(new ModelName("registry.ollama.ai", "library", "MyModel", "Tag"), only.Name);
        Assert.Equal("second", new Show.ShowService(_temp.Store).Show("MYMODEL:TAG").System);
        Assert.Equal(only.Name, _temp.Store.Manifests.Canonicalize(ModelName.Parse("mymodel:TAG")));
    }

    [Fact]
    public void ForeignFilesInTheManifestTreeAreNotModels()
    {
        var manifests = _temp.Paths.Manifests;
        Directory.CreateDirectory(Path.Combine(manifests, "registry.ollama.ai", "library", "m"));
        File.WriteAllText(Path.Combine(manifests, "registry.ollama.ai", "stray"), "x");
        File.WriteAllText(Path.Combine(manifests, "registry.ollama.ai", "library", "m", "bad tag"), "x");

        Assert.Empty(_temp.Store.Manifests.List(out var corrupt));
        Assert.Equal(0, corrupt);
    }

    [Fact]
    public void LegacyColonBlobNamesAreRenamed()
    {
        Directory.CreateDirectory(_temp.Paths.Blobs);
        var hex = new string('f', 64);
        File.WriteAllText(Path.Combine(_temp.Paths.Blobs, "sha256:" + hex), "legacy", Encoding.UTF8);

        Assert.Equal(1, _temp.Store.FixLegacyBlobNames());
        Assert.True(File.Exists(Path.Combine(_temp.Paths.Blobs, "sha256-" + hex)));
    }
}
