using System.Text;
using Corral.Store.Registry;
using Microsoft.AspNetCore.Http;

namespace Corral.Registry.Tests;

/// <summary>
/// Bearer challenges: the token realm must be on the registry's own host (CVE-2025-51471), credentials and tokens
/// never follow a redirect to another host, and failures say <c>unauthorized: access denied</c>.
/// </summary>
public sealed class AuthTests
{
    private static readonly RegistryCredentials Credentials = new("alice", "s3cret");
    private static readonly string BasicAlice = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret"));
    private static readonly RegistryOptions Options = new()
    {
        Insecure = true, Credentials = Credentials, RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 1,
    };

    [Theory]
    [InlineData("127.0.0.2")]
    [InlineData("localhost")]
    public async Task TokenRealmOnAnotherHostReceivesNoCredentials(string realmAddress)
    {
        await using var realm = await FakeRegistry.StartAsync(realmAddress == "localhost" ? "127.0.0.1" : realmAddress);
        await using var registry = await FakeRegistry.StartAsync();
        ManifestJson.Publish(registry);
        var realmUri = $"http://{realmAddress}:{realm.BaseUri.Port}/token";
        registry.Intercept = async context =>
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{realmUri}\",service=\"fake\",scope=\"repository:corral/fake:pull\"";
            await Task.CompletedTask;
            return true;
        };
        using var temp = new TempDirectory();

        using var client = new RegistryClient(BlobStoreTestExtensions.At(temp.Sub("store")), Options);
        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            client.PullAsync(registry.Reference(), null, CancellationToken.None));

        Assert.Equal(RegistryErrorKind.Unauthorized, error.Kind);
        Assert.Equal($"realm host \"{realmAddress}:{realm.BaseUri.Port}\" does not match original host \"{registry.Host}\"",
            error.Message);
        Assert.Empty(realm.Requests);
        Assert.All(registry.Requests, request => Assert.Null(request.Authorization));
    }

    [Fact]
    public async Task SameHostTokenIsUsedAndBlobRedirectToCdnCarriesNoCredentials()
    {
        await using var cdn = await FakeRegistry.StartAsync("127.0.0.2");
        await using var registry = await FakeRegistry.StartAsync();
        var (layer, config) = ManifestJson.Publish(registry);
        foreach (var blob in new[] { layer, config })
            cdn.Blobs[ManifestJson.Digest(blob)] = blob;
        registry.Intercept = async context =>
        {
            var path = context.Request.Path.Value!;
            if (path == "/token")
            {
                var authorized = context.Request.Headers.Authorization == BasicAlice;
                context.Response.StatusCode = authorized ? 200 : 401;
                if (authorized)
                    await context.Response.WriteAsync("""{"token":"t0k"}""");
                return true;
            }
            if (context.Request.Headers.Authorization != "Bearer t0k")
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate =
                    $"Bearer realm=\"{registry.BaseUri}token\",service=\"fake\",scope=\"repository:corral/fake:pull\"";
                return true;
            }
            if (path.Contains("/blobs/"))
            {
                context.Response.StatusCode = 307;
                context.Response.Headers.Location = new Uri(cdn.BaseUri, "cdn" + path).ToString();
                return true;
            }
            return false;
        };
        using var temp = new TempDirectory();
        var store = BlobStoreTestExtensions.At(temp.Sub("store"));

        using var client = new RegistryClient(store, Options);
        await client.PullAsync(registry.Reference(), null, CancellationToken.None);

        Assert.Equal(layer, store.Read(ManifestJson.Digest(layer)));
        var token = Assert.Single(registry.Requests, r => r.Path.StartsWith("/token"));
        Assert.Equal("/token?service=fake&scope=repository%3Acorral%2Ffake%3Apull", token.Path);
        Assert.Contains(registry.Requests, r => r.Path.Contains("/manifests/") && r.Authorization == "Bearer t0k");
        Assert.NotEmpty(cdn.Requests);
        Assert.All(cdn.Requests, request => Assert.Null(request.Authorization));
    }

    [Fact]
    public async Task RejectedCredentialsSayAccessDenied()
    {
        await using var registry = await FakeRegistry.StartAsync();
        registry.Intercept = async context =>
        {
            context.Response.StatusCode = 401;
            if (context.Request.Path != "/token")
                context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{registry.BaseUri}token\"";
            await Task.CompletedTask;
            return true;
        };
        using var temp = new TempDirectory();

        using var client = new RegistryClient(BlobStoreTestExtensions.At(temp.Sub("store")), Options);
        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            client.PullAsync(registry.Reference(), null, CancellationToken.None));

        Assert.Equal(RegistryErrorKind.Unauthorized, error.Kind);
        Assert.Equal("unauthorized: access denied", error.Message);
    }

    [Fact]
    public async Task RegistryThatRefusesTheTokenSaysAccessDenied()
    {
        await using var registry = await FakeRegistry.StartAsync();
        registry.Intercept = async context =>
        {
            if (context.Request.Path == "/token")
            {
                await context.Response.WriteAsync("""{"access_token":"useless"}""");
                return true;
            }
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{registry.BaseUri}token\"";
            return true;
        };
        using var temp = new TempDirectory();

        using var client = new RegistryClient(BlobStoreTestExtensions.At(temp.Sub("store")), Options with { Credentials = null });
        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            client.PullAsync(registry.Reference(), null, CancellationToken.None));

        Assert.Equal("pull model manifest: unauthorized: access denied", error.Message);
        Assert.Contains(registry.Requests, r => r.Path.Contains("/manifests/") && r.Authorization == "Bearer useless");
        Assert.DoesNotContain(registry.Requests, r => r.Authorization?.StartsWith("Basic") == true);
    }

    [Theory]
    [InlineData("""Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push" """,
        "https://auth.example/token", "registry.example", "repository:a/b:pull,push")]
    [InlineData("bearer realm=https://r/t", "https://r/t", null, null)]
    [InlineData("""Bearer service="s", realm="https://r/t?x=1" """, "https://r/t?x=1", "s", null)]
    public void ChallengeIsParsed(string header, string realm, string? service, string? scope) =>
        Assert.Equal(new BearerChallenge(realm, service, scope), BearerChallenge.Parse(header.Trim()));

    [Theory]
    [InlineData("Basic realm=\"x\"")]
    [InlineData("Bearer service=\"no realm\"")]
    [InlineData(null)]
    public void NonBearerChallengeIsIgnored(string? header) => Assert.Null(BearerChallenge.Parse(header));
}
