using Corral.Store.Registry;

namespace Corral.Registry.Tests;

/// <summary>Through an HTTP proxy, and cross-repository mounts, against the real docker-registry.</summary>
public sealed class ProxyAndMountTests(DockerRegistryFixture registry) : IClassFixture<DockerRegistryFixture>
{
    [Fact]
    public async Task PushAndPullGoThroughTheConfiguredProxy()
    {
        await using var proxy = await DroppingProxy.StartAsync(registry.BaseUri);
        // A name that does not resolve: only the proxy can reach it, so success proves every request used it.
        var reference = new RegistryReference(null, "registry.corral.invalid:5000", "corral", "proxied", "latest");
        var options = new RegistryOptions { Insecure = true, Proxy = new System.Net.WebProxy(proxy.BaseUri) };
        using var temp = new TempDirectory();
        var source = BlobStoreTestExtensions.At(temp.Sub("source"));
        var model = TestModel.Create(source);
        var target = BlobStoreTestExtensions.At(temp.Sub("target"));

        using (var client = new RegistryClient(source, options))
            await client.PushAsync(reference, model.ManifestBytes, null, CancellationToken.None);
        using (var client = new RegistryClient(target, options))
            await client.PullAsync(reference, null, CancellationToken.None);

        Assert.Equal(source.Read(model.ModelDigest), target.Read(model.ModelDigest));
        Assert.Contains(proxy.Requests, r => r.StartsWith("PUT /v2/corral/proxied/manifests/latest"));
        Assert.Contains(proxy.Requests, r => r.StartsWith("GET /v2/corral/proxied/manifests/latest"));
    }

    [Fact]
    public async Task LayersWithASourceModelAreMountedInsteadOfUploaded()
    {
        using var temp = new TempDirectory();
        var store = BlobStoreTestExtensions.At(temp.Sub("store"));
        var baseModel = TestModel.Create(store);
        var options = new RegistryOptions { Insecure = true };
        using (var client = new RegistryClient(store, options))
            await client.PushAsync(new RegistryReference(null, registry.Host, "corral", "base", "latest"),
                baseModel.ManifestBytes, null, CancellationToken.None);

        await using var proxy = await DroppingProxy.StartAsync(registry.BaseUri);
        var derived = TestModel.Create(store, from: $"{registry.Host}/corral/base:latest");
        var progress = new ProgressLog();
        using (var client = new RegistryClient(store, options))
            await client.PushAsync(new RegistryReference(null, proxy.Host, "corral", "derived", "latest"),
                derived.ManifestBytes, progress, CancellationToken.None);

        Assert.Contains(proxy.Requests, r => r.StartsWith(
            $"POST /v2/corral/derived/blobs/uploads/?mount={Uri.EscapeDataString(derived.ModelDigest)}&from=corral%2Fbase"));
        // The config has no source model, so only it is uploaded; the two layers are mounted.
        Assert.Single(proxy.Requests, r => r.StartsWith("PATCH"));
        var mounted = progress.Events.Last(e => e.Digest == derived.ModelDigest);
        Assert.Equal(mounted.Total, mounted.Completed);
    }
}
