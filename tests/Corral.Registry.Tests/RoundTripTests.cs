using Microsoft.AspNetCore.Http;
using Corral.Store.Registry;

namespace Corral.Registry.Tests;

/// <summary>Push to and pull from a real docker-registry (distribution 2.8) over plain http on loopback.</summary>
public sealed class RoundTripTests(DockerRegistryFixture registry) : IClassFixture<DockerRegistryFixture>
{
    private static readonly RegistryOptions Insecure = new() { Insecure = true, RetryBaseDelay = TimeSpan.FromMilliseconds(10) };

    [Fact]
    public async Task PushThenPullIntoEmptyStoreIsByteIdentical()
    {
        using var temp = new TempDirectory();
        var source = BlobStoreTestExtensions.At(temp.Sub("source"));
        var model = TestModel.Create(source);
        var reference = new RegistryReference(null, registry.Host, "corral", "roundtrip", "v1");

        var pushLog = new ProgressLog();
        using (var client = new RegistryClient(source, Insecure))
            await client.PushAsync(reference, model.ManifestBytes, pushLog, CancellationToken.None);

        var target = BlobStoreTestExtensions.At(temp.Sub("target"));
        var pullLog = new ProgressLog();
        RegistryPullResult result;
        using (var client = new RegistryClient(target, Insecure))
            result = await client.PullAsync(reference, pullLog, CancellationToken.None);

        Assert.Equal(model.ManifestBytes, result.ManifestBytes);
        foreach (var digest in model.Digests)
            Assert.Equal(source.Read(digest), target.Read(digest));
        Assert.DoesNotContain(temp.Files(), file => file.Contains("partial"));

        Assert.Equal(["retrieving manifest", .. model.Digests.Select(d => "pushing " + d[7..19]), "pushing manifest", "success"],
            pushLog.Statuses);
        Assert.Equal(["pulling manifest", .. model.Digests.Select(d => "pulling " + d[7..19]), "verifying sha256 digest"],
            pullLog.Statuses);
        var last = pullLog.Events.Last(e => e.Digest == model.ModelDigest);
        Assert.Equal(new FileInfo(TestPaths.TinyLlama).Length, last.Total);
        Assert.Equal(last.Total, last.Completed);
    }

    [Fact]
    public async Task SecondPullAndPushSkipBlobsAlreadyPresent()
    {
        using var temp = new TempDirectory();
        var store = BlobStoreTestExtensions.At(temp.Sub("store"));
        var model = TestModel.Create(store);
        var reference = new RegistryReference(null, registry.Host, "corral", "skip", "latest");
        using var client = new RegistryClient(store, Insecure);
        await client.PushAsync(reference, model.ManifestBytes, null, CancellationToken.None);

        var pushAgain = new ProgressLog();
        await client.PushAsync(reference, model.ManifestBytes, pushAgain, CancellationToken.None);
        var pullAgain = new ProgressLog();
        await client.PullAsync(reference, pullAgain, CancellationToken.None);

        // Present blobs produce exactly one event each, already complete (Ollama's cache-hit progress).
        foreach (var log in new[] { pushAgain, pullAgain })
            foreach (var digest in model.Digests)
            {
                var layerEvent = Assert.Single(log.Events, e => e.Digest == digest);
                Assert.Equal(layerEvent.Total, layerEvent.Completed);
            }
    }

    [Fact]
    public async Task PullOfMissingModelSaysFileDoesNotExist()
    {
        using var temp = new TempDirectory();
        using var client = new RegistryClient(BlobStoreTestExtensions.At(temp.Path), Insecure);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.PullAsync(
            new RegistryReference(null, registry.Host, "corral", "missing", "latest"), null, CancellationToken.None));

        Assert.Equal(RegistryErrorKind.NotFound, error.Kind);
        Assert.Equal("pull model manifest: file does not exist", error.Message);
        Assert.Empty(temp.Files());
    }

    [Fact]
    public async Task PushToPlainHttpWithoutInsecureIsRefused()
    {
        using var temp = new TempDirectory();
        var store = BlobStoreTestExtensions.At(temp.Path);
        var model = TestModel.Create(store);
        using var client = new RegistryClient(store, new RegistryOptions());

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.PushAsync(
            new RegistryReference("http", registry.Host, "corral", "plain", "latest"), model.ManifestBytes, null,
            CancellationToken.None));

        Assert.Equal("insecure protocol http", error.Message);
    }

    [Fact]
    public async Task PushRetriesTransientFailuresOfUploadAndManifest()
    {
        await using var proxy = await DroppingProxy.StartAsync(registry.BaseUri);
        var failed = new HashSet<string>();
        proxy.FailWith503 = request =>
        {
            var kind = request.Split(' ')[0] + (request.Contains("/manifests/") ? " manifest" : "");
            lock (failed)
                return kind is "PATCH" or "PUT manifest" && failed.Add(kind);
        };
        using var temp = new TempDirectory();
        var store = BlobStoreTestExtensions.At(temp.Path);
        var model = TestModel.Create(store);
        var reference = new RegistryReference(null, proxy.Host, "corral", "flaky", "latest");

        using (var client = new RegistryClient(store, Insecure))
            await client.PushAsync(reference, model.ManifestBytes, null, CancellationToken.None);

        Assert.Equal(4, proxy.Requests.Count(r => r.StartsWith("PATCH")));
        Assert.Equal(2, proxy.Requests.Count(r => r.StartsWith("PUT /v2/corral/flaky/manifests/latest")));
        var target = BlobStoreTestExtensions.At(temp.Sub("target"));
        using (var client = new RegistryClient(target, Insecure))
            await client.PullAsync(reference with { Host = registry.Host }, null, CancellationToken.None);
        Assert.Equal(store.Read(model.ModelDigest), target.Read(model.ModelDigest));
    }

    [Fact]
    public async Task GzipEncodedManifestIsNotDecompressed()
    {
        // CVE-2024-12886: a gzip bomb from a hostile registry. We never inflate, so it is just invalid JSON.
        await using var fake = await FakeRegistry.StartAsync();
        fake.Intercept = async context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            using var buffer = new MemoryStream();
            await using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Optimal, true))
                await gzip.WriteAsync(new byte[10_000_000]);
            await context.Response.Body.WriteAsync(buffer.ToArray());
            return true;
        };
        using var temp = new TempDirectory();
        using var client = new RegistryClient(BlobStoreTestExtensions.At(temp.Path), Insecure);

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            client.PullAsync(fake.Reference(), null, CancellationToken.None));

        Assert.Equal(RegistryErrorKind.InvalidManifest, error.Kind);
    }

    [Fact]
    public async Task PushOfIncompleteLocalModelFailsBeforeUploading()
    {
        await using var proxy = await DroppingProxy.StartAsync(registry.BaseUri);
        using var temp = new TempDirectory();
        var store = BlobStoreTestExtensions.At(temp.Path);
        var model = TestModel.Create(store);
        File.Delete(store.GetPath(Corral.Store.Blobs.Digest.Parse(model.ConfigDigest)));

        using var client = new RegistryClient(store, Insecure);
        var error = await Assert.ThrowsAsync<RegistryException>(() => client.PushAsync(
            new RegistryReference(null, proxy.Host, "corral", "incomplete", "latest"), model.ManifestBytes, null,
            CancellationToken.None));

        Assert.Equal(RegistryErrorKind.NotFound, error.Kind);
        Assert.Empty(proxy.Requests);
    }

    [Fact]
    public async Task LargeBlobsArePushedInContentRangeParts()
    {
        await using var proxy = await DroppingProxy.StartAsync(registry.BaseUri);
        using var temp = new TempDirectory();
        var store = BlobStoreTestExtensions.At(temp.Sub("source"));
        var model = TestModel.Create(store);
        var reference = new RegistryReference(null, proxy.Host, "corral", "parts", "latest");
        var partSize = 256 * 1024;

        using (var client = new RegistryClient(store, Insecure with { MinPartSize = partSize, MaxPartSize = partSize }))
            await client.PushAsync(reference, model.ManifestBytes, null, CancellationToken.None);

        var modelParts = (int)Math.Ceiling(new FileInfo(TestPaths.TinyLlama).Length / (double)partSize);
        Assert.Equal(modelParts + 2, proxy.Requests.Count(r => r.StartsWith("PATCH")));
        var target = BlobStoreTestExtensions.At(temp.Sub("target"));
        using (var client = new RegistryClient(target, Insecure))
            await client.PullAsync(reference, null, CancellationToken.None);
        Assert.Equal(store.Read(model.ModelDigest), target.Read(model.ModelDigest));
    }
}
