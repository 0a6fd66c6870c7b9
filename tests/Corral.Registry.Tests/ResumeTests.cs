using System.Text.Json;
using Corral.Store.Registry;

namespace Corral.Registry.Tests;

/// <summary>A pull cut off mid-blob resumes from the part files on disk and re-downloads only what is missing.</summary>
public sealed class ResumeTests(DockerRegistryFixture registry) : IClassFixture<DockerRegistryFixture>
{
    private const long PartSize = 256 * 1024;

    [Fact]
    public async Task InterruptedPullResumesWithoutRedownloadingCompletedParts()
    {
        using var temp = new TempDirectory();
        var source = BlobStoreTestExtensions.At(temp.Sub("source"));
        var model = TestModel.Create(source);
        var direct = new RegistryReference(null, registry.Host, "corral", "resume", "latest");
        using (var pusher = new RegistryClient(source, new RegistryOptions { Insecure = true }))
            await pusher.PushAsync(direct, model.ManifestBytes, null, CancellationToken.None);

        await using var proxy = await DroppingProxy.StartAsync(registry.BaseUri);
        proxy.DropDigest = model.ModelDigest;
        proxy.DropAfterBytes = 100_000;
        proxy.ArmDrop();
        var viaProxy = direct with { Host = proxy.Host };
        var target = BlobStoreTestExtensions.At(temp.Sub("target"));
        var noRetry = new RegistryOptions
        {
            Insecure = true, MinPartSize = PartSize, MaxPartSize = PartSize, MaxParallelParts = 2, MaxRetries = 0,
        };
        using (var client = new RegistryClient(target, noRetry))
        {
            var error = await Assert.ThrowsAsync<RegistryException>(() => client.PullAsync(viaProxy, null, CancellationToken.None));
            Assert.Equal(RegistryErrorKind.Transient, error.Kind);
        }

        Assert.False(target.Exists(model.ModelDigest));
        var partial = target.PartialPath(model.ModelDigest);
        var parts = ReadParts(partial);
        var total = new FileInfo(TestPaths.TinyLlama).Length;
        var done = parts.Sum(p => p.Completed);
        Assert.Equal((int)Math.Ceiling(total / (double)PartSize), parts.Count);
        Assert.InRange(done, PartSize, total - 1);
        var unfinished = parts.Where(p => p.Completed < p.Size).ToList();

        proxy.ResetCounters();
        using (var client = new RegistryClient(target, noRetry with { MaxRetries = 6, RetryBaseDelay = TimeSpan.FromMilliseconds(10) }))
            await client.PullAsync(viaProxy, null, CancellationToken.None);

        Assert.Equal(File.ReadAllBytes(TestPaths.TinyLlama), target.Read(model.ModelDigest));
        var modelRanges = proxy.Requests.Where(r => r.StartsWith("GET") && r.Contains(model.ModelDigest)).ToList();
        Assert.Equal(unfinished.Count, modelRanges.Count);
        foreach (var part in unfinished)
            Assert.Contains(modelRanges, r => r.EndsWith($"bytes={part.Offset + part.Completed}-{part.Offset + part.Size - 1}"));
        // The model blob's missing bytes plus the small blobs the first pull never reached (it stopped at the model).
        var smallBlobs = source.Read(model.TemplateDigest).Length + source.Read(model.ConfigDigest).Length;
        Assert.Equal(total - done + smallBlobs, proxy.BlobBytesServed);
        Assert.False(File.Exists(partial));
        Assert.False(File.Exists(partial + "-0"));
    }

    private static List<(long Offset, long Size, long Completed)> ReadParts(string partial)
    {
        var parts = new List<(long, long, long)>();
        for (var n = 0; File.Exists($"{partial}-{n}"); n++)
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes($"{partial}-{n}"));
            var root = json.RootElement;
            parts.Add((root.GetProperty("Offset").GetInt64(), root.GetProperty("Size").GetInt64(),
                root.GetProperty("Completed").GetInt64()));
        }
        return parts;
    }
}
