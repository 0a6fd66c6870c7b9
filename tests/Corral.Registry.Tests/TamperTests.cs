using Microsoft.AspNetCore.Http;
using System.Text;
using Corral.Store.Registry;

namespace Corral.Registry.Tests;

/// <summary>
/// A hostile registry (Probllama CVE-2024-37032, CVE-2025-1975 malformed manifests, oversized bodies, wrong bytes):
/// the pull fails clearly, nothing outside the store is touched and no corrupt blob gets a final name.
/// </summary>
public sealed class TamperTests
{
    private static readonly RegistryOptions Options = new()
    {
        Insecure = true, MinPartSize = 64 * 1024, MaxPartSize = 64 * 1024, RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        MaxRetries = 2,
    };

    [Fact]
    public async Task BlobWhoseBytesDoNotMatchItsDigestIsRejectedAndRemoved()
    {
        await using var registry = await FakeRegistry.StartAsync();
        var (layer, _) = ManifestJson.Publish(registry);
        var digest = ManifestJson.Digest(layer);
        var forged = layer.ToArray();
        forged[^1] ^= 0xFF;
        registry.Blobs[digest] = forged;
        using var temp = new TempDirectory();
        var store = BlobStoreTestExtensions.At(temp.Sub("store"));

        using var client = new RegistryClient(store, Options);
        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            client.PullAsync(registry.Reference(), null, CancellationToken.None));

        Assert.Equal(RegistryErrorKind.DigestMismatch, error.Kind);
        Assert.Equal($"digest mismatch, file must be downloaded again: want {digest}, got {ManifestJson.Digest(forged)}",
            error.Message);
        Assert.False(store.Exists(digest));
        // Only the honest config blob made it; no partial or part state survives for the forged one.
        Assert.All(temp.Files(), file => Assert.StartsWith(Path.Combine("store", "blobs", "sha256-"), file));
        Assert.DoesNotContain(temp.Files(), file => file.Contains(digest[7..]));
    }

    [Theory]
    [InlineData("sha256:../../x")]
    [InlineData("sha256:../../../../../../tmp/corral-probllama")]
    [InlineData("sha256-0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha256:ABCDEF0000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha256:00000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("")]
    public async Task ManifestWithInvalidDigestIsRejectedBeforeAnyFileIsTouched(string digest)
    {
        await using var registry = await FakeRegistry.StartAsync();
        var config = Encoding.UTF8.GetBytes("{}");
        registry.Blobs[ManifestJson.Digest(config)] = config;
        registry.Manifests["latest"] = ManifestJson.For(ManifestJson.Digest(config), config.Length, (digest, 4));
        using var temp = new TempDirectory();

        using var client = new RegistryClient(BlobStoreTestExtensions.At(temp.Sub("store")), Options);
        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            client.PullAsync(registry.Reference(), null, CancellationToken.None));

        Assert.Equal(RegistryErrorKind.InvalidManifest, error.Kind);
        Assert.StartsWith("pull model manifest: invalid digest format", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
        Assert.False(File.Exists("/tmp/corral-probllama"));
        Assert.Single(registry.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OversizedManifestIsRefused(bool withContentLength)
    {
        await using var registry = await FakeRegistry.StartAsync();
        var huge = new byte[Options.MaxManifestBytes + 1];
        registry.Intercept = async context =>
        {
            if (withContentLength)
                context.Response.ContentLength = huge.Length;
            await context.Response.Body.WriteAsync(huge);
            return true;
        };
        using var temp = new TempDirectory();

        using var client = new RegistryClient(BlobStoreTestExtensions.At(temp.Sub("store")), Options);
        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            client.PullAsync(registry.Reference(), null, CancellationToken.None));

        Assert.Equal(RegistryErrorKind.InvalidManifest, error.Kind);
        Assert.Equal($"pull model manifest: manifest is larger than {Options.MaxManifestBytes} bytes", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"layers":[]}""")]
    [InlineData("""{"config":{"digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000","size":2},"layers":{}}""")]
    [InlineData("""{"config":{"digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000","size":-1},"layers":[]}""")]
    [InlineData("""{"config":"x","layers":[]}""")]
    [InlineData("""{"config":{"digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000","size":2},"layers":[]}""")]
    [InlineData("""{"config":{"digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000","size":2},"layers":[7]}""")]
    public void MalformedManifestIsAnInvalidManifestError(string json)
    {
        var error = Assert.Throws<RegistryException>(() => RegistryManifest.Parse(Encoding.UTF8.GetBytes(json), Options));

        Assert.Equal(RegistryErrorKind.InvalidManifest, error.Kind);
        Assert.StartsWith("pull model manifest: ", error.Message);
    }

    [Fact]
    public void ManifestWithTooManyLayersIsRefused()
    {
        var zero = "sha256:" + new string('0', 64);
        var json = ManifestJson.For(zero, 2, Enumerable.Repeat((zero, 2L), 3).ToArray());

        var error = Assert.Throws<RegistryException>(() => RegistryManifest.Parse(json, Options with { MaxLayers = 2 }));

        Assert.Equal("pull model manifest: manifest has more than 2 layers", error.Message);
    }

    [Fact]
    public async Task TransientServerErrorsAreRetriedWithBackoff()
    {
        await using var registry = await FakeRegistry.StartAsync();
        var (layer, _) = ManifestJson.Publish(registry);
        var failures = 0;
        registry.Intercept = context =>
        {
            if (!context.Request.Path.Value!.Contains("/manifests/") || Interlocked.Increment(ref failures) > 2)
                return Task.FromResult(false);
            context.Response.StatusCode = 503;
            return Task.FromResult(true);
        };
        using var temp = new TempDirectory();
        var store = BlobStoreTestExtensions.At(temp.Sub("store"));

        using var client = new RegistryClient(store, Options);
        await client.PullAsync(registry.Reference(), null, CancellationToken.None);

        Assert.Equal(3, registry.Requests.Count(r => r.Path.Contains("/manifests/")));
        Assert.Equal(layer, store.Read(ManifestJson.Digest(layer)));
    }

    [Fact]
    public async Task RegistryErrorsCarryStatusAndBodyAfterRetriesRunOut()
    {
        await using var registry = await FakeRegistry.StartAsync();
        registry.Intercept = async context =>
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("boom");
            return true;
        };
        using var temp = new TempDirectory();

        using var client = new RegistryClient(BlobStoreTestExtensions.At(temp.Sub("store")), Options);
        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            client.PullAsync(registry.Reference(), null, CancellationToken.None));

        Assert.Equal("pull model manifest: 500: boom", error.Message);
        Assert.Equal(Options.MaxRetries + 1, registry.Requests.Count);
    }

    [Fact]
    public async Task RegistryThatIgnoresRangeStillYieldsTheRightBytes()
    {
        await using var registry = await FakeRegistry.StartAsync();
        registry.IgnoreRange = true;
        var (layer, _) = ManifestJson.Publish(registry);
        using var temp = new TempDirectory();
        var store = BlobStoreTestExtensions.At(temp.Sub("store"));

        using var client = new RegistryClient(store, Options);
        await client.PullAsync(registry.Reference(), null, CancellationToken.None);

        Assert.Equal(layer, store.Read(ManifestJson.Digest(layer)));
        Assert.True(registry.Requests.Count(r => r.Path.Contains("/blobs/")) > 1);
    }
}
