using System.Text.Json;
using Corral.Store;
using Corral.Store.Blobs;
using Corral.Store.Names;
using Corral.Store.Registry;
using Corral.Store.Show;

namespace Corral.Registry.Tests;

/// <summary>
/// Issue 6 acceptance through the store: a model made by CreateService is pushed to a real docker-registry, deleted
/// locally and pulled back byte for byte, with Ollama's status sequences (reference §1.10).
/// </summary>
public sealed class ModelTransferTests(DockerRegistryFixture registry) : IClassFixture<DockerRegistryFixture>
{
    [Fact]
    public async Task PushDeletePullRestoresManifestBlobsAndShowExactly()
    {
        using var local = new TransferTestStore();
        var name = $"{registry.Host}/corral/roundtrip:v1";
        await local.CreateModelAsync(name, "You are terse.", withProjector: true);
        var stored = local.Store.Manifests.Read(ModelName.Parse(name))!;
        var digests = stored.Manifest.BlobDigests().ToList();
        var blobs = digests.ToDictionary(d => d, d => File.ReadAllBytes(local.Store.Blobs.GetPath(d)));
        var shown = ShowJson(local, name);
        Assert.Contains("\"ProjectorInfo\":{\"general.architecture\":\"clip\"", shown);

        var pushed = await TransferTestStore.CollectAsync(local.Transfer().PushAsync(name, insecure: true, CancellationToken.None));

        var layerOrder = stored.Manifest.Layers.Select(l => Digest.Parse(l.Digest)).Append(Digest.Parse(stored.Manifest.Config.Digest))
            .Distinct().ToList();
        Assert.Equal(["retrieving manifest", .. layerOrder.Select(d => "pushing " + d.Short), "pushing manifest", "success"],
            pushed.Select(p => p.Status).Distinct());

        await local.Store.DeleteAsync(name);
        Assert.All(digests, d => Assert.False(local.Store.Blobs.Exists(d)));

        var pulled = await TransferTestStore.CollectAsync(local.Transfer().PullAsync(name, insecure: true, CancellationToken.None));

        Assert.Equal(["pulling manifest", .. layerOrder.Select(d => "pulling " + d.Short), "verifying sha256 digest",
            "writing manifest", "success"], pulled.Select(p => p.Status).Distinct());
        foreach (var digest in layerOrder)
        {
            var last = pulled.Last(p => p.Digest == digest.ToString());
            Assert.Equal(blobs[digest].Length, last.Total);
            Assert.Equal(last.Total, last.Completed);
        }

        Assert.Equal(stored.Bytes, local.Store.Manifests.Read(ModelName.Parse(name))!.Bytes);
        Assert.All(digests, d => Assert.Equal(blobs[d], File.ReadAllBytes(local.Store.Blobs.GetPath(d))));
        Assert.Equal(shown, ShowJson(local, name));
        // Nothing but final blobs and the manifest: no partial, part state or temporary file is left behind.
        Assert.Equal(digests.Select(d => Path.Combine("models", "blobs", d.FileName))
                .Append(Path.Combine("models", "manifests", registry.Host, "corral", "roundtrip", "v1")).Order(StringComparer.Ordinal),
            local.Files());
    }

    [Fact]
    public async Task PullOverAChangedModelRemovesLayersOnlyTheOldManifestUsed()
    {
        using var publisher = new TransferTestStore();
        var name = $"{registry.Host}/corral/replaced:latest";
        await publisher.CreateModelAsync(name, "Published system prompt.");
        await TransferTestStore.CollectAsync(publisher.Transfer().PushAsync(name, insecure: true, CancellationToken.None));

        using var local = new TransferTestStore();
        await local.CreateModelAsync(name, "Local system prompt.");
        var before = local.Store.Manifests.Read(ModelName.Parse(name))!.Manifest.BlobDigests().ToHashSet();

        var pulled = await TransferTestStore.CollectAsync(local.Transfer().PullAsync(name, insecure: true, CancellationToken.None));

        Assert.Equal(["writing manifest", "removing unused layers", "success"], pulled.Select(p => p.Status).TakeLast(3));
        var after = local.Store.Manifests.Read(ModelName.Parse(name))!.Manifest.BlobDigests().ToHashSet();
        Assert.All(after, d => Assert.True(local.Store.Blobs.Exists(d)));
        var removed = before.Except(after).ToList();
        Assert.NotEmpty(removed);
        Assert.All(removed, d => Assert.False(local.Store.Blobs.Exists(d)));
        // The GGUF is shared by both versions: it was a cache hit, reported once as complete, and kept.
        var gguf = Digest.Parse(local.Store.Manifests.Read(ModelName.Parse(name))!.Manifest.Layers[0].Digest);
        Assert.Contains(gguf, before);
        var ggufEvent = Assert.Single(pulled, p => p.Digest == gguf.ToString());
        Assert.Equal(ggufEvent.Total, ggufEvent.Completed);
    }

    [Fact]
    public async Task PullWithNoPruneKeepsTheOldLayers()
    {
        using var publisher = new TransferTestStore();
        var name = $"{registry.Host}/corral/noprune:latest";
        await publisher.CreateModelAsync(name, "Published.");
        await TransferTestStore.CollectAsync(publisher.Transfer().PushAsync(name, insecure: true, CancellationToken.None));
        using var local = new TransferTestStore(noPrune: true);
        await local.CreateModelAsync(name, "Local.");
        var before = local.Store.Manifests.Read(ModelName.Parse(name))!.Manifest.BlobDigests().ToList();

        var pulled = await TransferTestStore.CollectAsync(local.Transfer().PullAsync(name, insecure: true, CancellationToken.None));

        Assert.DoesNotContain("removing unused layers", pulled.Select(p => p.Status));
        Assert.All(before, d => Assert.True(local.Store.Blobs.Exists(d)));
    }

    [Fact]
    public async Task PullOfAnUnknownModelFailsWithOllamasErrorAndWritesNothing()
    {
        using var local = new TransferTestStore();
        var events = new List<RegistryProgress>();

        var error = await Assert.ThrowsAsync<RegistryException>(() => TransferTestStore.CollectAsync(
            local.Transfer().PullAsync($"{registry.Host}/corral/missing", insecure: true, CancellationToken.None), events));

        Assert.Equal(RegistryErrorKind.NotFound, error.Kind);
        Assert.Equal("pull model manifest: file does not exist", error.Message);
        Assert.Equal(["pulling manifest"], events.Select(e => e.Status));
        Assert.Empty(local.Files());
    }

    [Fact]
    public async Task PushOfAMissingModelReportsThatItCouldNotRetrieveTheManifest()
    {
        using var local = new TransferTestStore();
        var events = new List<RegistryProgress>();

        var error = await Assert.ThrowsAsync<StoreException>(() => TransferTestStore.CollectAsync(
            local.Transfer().PushAsync($"{registry.Host}/corral/absent", insecure: true, CancellationToken.None), events));

        Assert.Equal(404, error.Status);
        Assert.Equal($"model '{registry.Host}/corral/absent' not found", error.Message);
        Assert.Equal(["retrieving manifest", "couldn't retrieve manifest"], events.Select(e => e.Status));
    }

    [Fact]
    public async Task NamesAreCheckedBeforeAnyRequest()
    {
        using var local = new TransferTestStore();

        var invalid = await Assert.ThrowsAsync<StoreException>(() => TransferTestStore.CollectAsync(
            local.Transfer().PullAsync("bad name!", insecure: true, CancellationToken.None)));
        var plainHttp = await Assert.ThrowsAsync<RegistryException>(() => TransferTestStore.CollectAsync(
            local.Transfer().PullAsync($"http://{registry.Host}/corral/model", insecure: false, CancellationToken.None)));

        Assert.Equal((400, "invalid model name"), (invalid.Status, invalid.Message));
        Assert.Equal("insecure protocol http", plainHttp.Message);
        Assert.Empty(local.Files());
    }

    [Fact]
    public async Task SchemeInTheNameIsKeptForTheRegistryButNotInTheStore()
    {
        using var publisher = new TransferTestStore();
        var name = $"{registry.Host}/corral/scheme:latest";
        await publisher.CreateModelAsync(name, "Scheme.");
        await TransferTestStore.CollectAsync(publisher.Transfer().PushAsync(name, insecure: true, CancellationToken.None));
        using var local = new TransferTestStore();

        await TransferTestStore.CollectAsync(local.Transfer().PullAsync("http://" + name, insecure: true, CancellationToken.None));

        Assert.NotNull(local.Store.Manifests.Read(ModelName.Parse(name)));
    }

    [Fact]
    public async Task PullCutOffByADroppedConnectionResumesFromTheStoresPartialFile()
    {
        using var publisher = new TransferTestStore();
        await publisher.CreateModelAsync($"{registry.Host}/corral/resume:latest", "Resume.");
        await TransferTestStore.CollectAsync(
            publisher.Transfer().PushAsync($"{registry.Host}/corral/resume:latest", insecure: true, CancellationToken.None));
        var gguf = (await publisher.Store.Blobs.AddFileAsync(TestPaths.TinyLlama)).Digest;
        await using var proxy = await DroppingProxy.StartAsync(registry.BaseUri);
        proxy.DropDigest = gguf.ToString();
        proxy.DropAfterBytes = 100_000;
        proxy.ArmDrop();
        using var local = new TransferTestStore();
        var name = $"{proxy.Host}/corral/resume:latest";
        var noRetry = new RegistryOptions { MinPartSize = 256 * 1024, MaxPartSize = 256 * 1024, MaxParallelParts = 2, MaxRetries = 0 };

        var error = await Assert.ThrowsAsync<RegistryException>(() => TransferTestStore.CollectAsync(
            local.Transfer(noRetry).PullAsync(name, insecure: true, CancellationToken.None)));

        Assert.Equal(RegistryErrorKind.Transient, error.Kind);
        Assert.True(File.Exists(local.Store.Blobs.PartialPath(gguf)));
        Assert.False(local.Store.Blobs.Exists(gguf));
        Assert.Null(local.Store.Manifests.Read(ModelName.Parse(name)));

        proxy.ResetCounters();
        var events = await TransferTestStore.CollectAsync(local.Transfer(noRetry with { MaxRetries = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(10) })
            .PullAsync(name, insecure: true, CancellationToken.None));

        var resumedFrom = events.First(e => e.Digest == gguf.ToString()).Completed;
        Assert.InRange(resumedFrom, 1, new FileInfo(TestPaths.TinyLlama).Length - 1);
        Assert.Equal(File.ReadAllBytes(TestPaths.TinyLlama), File.ReadAllBytes(local.Store.Blobs.GetPath(gguf)));
        Assert.Equal(publisher.Store.Manifests.Read(ModelName.Parse($"{registry.Host}/corral/resume:latest"))!.Bytes,
            local.Store.Manifests.Read(ModelName.Parse(name))!.Bytes);
        // Only the bytes the first pull did not keep crossed the wire again for the model blob.
        var otherBlobs = events.Where(e => e.Digest != gguf.ToString()).GroupBy(e => e.Digest).Sum(g => g.Last().Total);
        Assert.Equal(new FileInfo(TestPaths.TinyLlama).Length - resumedFrom + otherBlobs, proxy.BlobBytesServed);
    }

    private static string ShowJson(TransferTestStore local, string name) =>
        JsonSerializer.Serialize(new ShowService(local.Store).Show(name, verbose: true) with { ModifiedAt = default });
}
