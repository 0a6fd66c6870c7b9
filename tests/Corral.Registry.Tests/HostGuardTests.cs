using System.Net;
using Corral.Store.Registry;

namespace Corral.Registry.Tests;

/// <summary>
/// Pulls must not reach private or link-local networks (ollama#16236 SSRF via /api/pull) unless allowed;
/// loopback stays reachable for local registries.
/// </summary>
public sealed class HostGuardTests
{
    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.1.1")]
    [InlineData("[fd00::1]")]
    [InlineData("[fe80::1]")]
    [InlineData("[::ffff:10.1.2.3]")]
    public async Task PullFromPrivateAddressIsRefused(string host)
    {
        using var temp = new TempDirectory();
        using var client = new RegistryClient(BlobStoreTestExtensions.At(temp.Path), new RegistryOptions { Insecure = true });

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.PullAsync(
            new RegistryReference(null, host, "library", "x", "latest"), null, CancellationToken.None));

        Assert.Equal(RegistryErrorKind.HostNotAllowed, error.Kind);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.5.6.7", false)]
    [InlineData("::1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("172.31.255.255", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("169.254.0.1", true)]
    [InlineData("fc00::1", true)]
    public void PrivateRangesAreRecognised(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, RegistryHostGuard.IsPrivate(IPAddress.Parse(address)));

    [Fact]
    public async Task RedirectToPrivateAddressIsRefused()
    {
        await using var registry = await FakeRegistry.StartAsync();
        var (layer, _) = ManifestJson.Publish(registry);
        registry.Intercept = context =>
        {
            if (!context.Request.Path.Value!.Contains("/blobs/"))
                return Task.FromResult(false);
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = "http://169.254.169.254/latest/meta-data";
            return Task.FromResult(true);
        };
        using var temp = new TempDirectory();
        var store = BlobStoreTestExtensions.At(temp.Sub("store"));

        using var client = new RegistryClient(store, new RegistryOptions { Insecure = true });
        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            client.PullAsync(registry.Reference(), null, CancellationToken.None));

        Assert.Equal(RegistryErrorKind.HostNotAllowed, error.Kind);
        Assert.False(store.Exists(ManifestJson.Digest(layer)));
    }

    [Fact]
    public async Task UnresolvableHostIsARegistryErrorNamingTheHost()
    {
        using var temp = new TempDirectory();
        using var client = new RegistryClient(BlobStoreTestExtensions.At(temp.Path),
            new RegistryOptions { Insecure = true, Proxy = new WebProxy() });

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.PullAsync(
            new RegistryReference(null, "registry.corral.invalid", "library", "x", "latest"), null, CancellationToken.None));

        Assert.Equal(RegistryErrorKind.RegistryError, error.Kind);
        Assert.StartsWith("lookup registry.corral.invalid: ", error.Message);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/blob")]
    public async Task RedirectOutOfHttpIsRefused(string location)
    {
        await using var registry = await FakeRegistry.StartAsync();
        ManifestJson.Publish(registry);
        registry.Intercept = context =>
        {
            if (!context.Request.Path.Value!.Contains("/blobs/"))
                return Task.FromResult(false);
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = location;
            return Task.FromResult(true);
        };
        using var temp = new TempDirectory();

        using var client = new RegistryClient(BlobStoreTestExtensions.At(temp.Sub("store")), new RegistryOptions { Insecure = true });
        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            client.PullAsync(registry.Reference(), null, CancellationToken.None));

        Assert.StartsWith("refusing redirect from http to ", error.Message);
    }
}
