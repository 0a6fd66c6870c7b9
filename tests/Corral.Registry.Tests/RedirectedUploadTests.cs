using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Corral.Store.Registry;
using Microsoft.AspNetCore.Http;

namespace Corral.Registry.Tests;

/// <summary>
/// Ollama's registry answers an upload PATCH with 307 to object storage, which takes the part with a PUT; the
/// commit carries an S3-style etag. The storage host must never see the registry token.
/// </summary>
public sealed class RedirectedUploadTests
{
    [Fact]
    public async Task PartsRedirectedToStorageArePutWithoutCredentials()
    {
        await using var storage = await FakeRegistry.StartAsync("127.0.0.2");
        await using var registry = await FakeRegistry.StartAsync();
        var received = new ConcurrentQueue<byte[]>();
        var storageFailures = 0;
        storage.Intercept = async context =>
        {
            // Storage fails the second part once; only that part is sent again.
            if (context.Request.Query["offset"] == "65536" && Interlocked.Increment(ref storageFailures) == 1)
            {
                context.Response.StatusCode = 503;
                return true;
            }
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue(body.ToArray());
            return true;
        };
        var commits = new ConcurrentQueue<string>();
        registry.Intercept = async context =>
        {
            var request = context.Request;
            if (request.Path == "/token")
            {
                await context.Response.WriteAsync("""{"token":"t"}""");
                return true;
            }
            if (request.Headers.Authorization != "Bearer t")
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{registry.BaseUri}token\"";
                return true;
            }
            switch (request.Method)
            {
                case "HEAD":
                    context.Response.StatusCode = 404;
                    break;
                case "POST":
                    context.Response.StatusCode = 202;
                    context.Response.Headers.Location = "/upload/1?n=0";
                    break;
                case "PATCH" when request.Headers["X-Redirect-Uploads"] == "1":
                    var offset = long.Parse(request.Headers["Content-Range"].ToString().Split('-')[0]);
                    context.Response.StatusCode = 307;
                    context.Response.Headers.Location = new Uri(storage.BaseUri, $"bucket?offset={offset}").ToString();
                    context.Response.Headers["Docker-Upload-Location"] = $"/upload/1?n={offset}";
                    break;
                case "PUT" when request.Path == "/upload/1":
                    commits.Enqueue(request.QueryString.Value!);
                    context.Response.StatusCode = 201;
                    break;
                case "PUT":
                    context.Response.StatusCode = 201;
                    break;
                default:
                    context.Response.StatusCode = 400;
                    break;
            }
            return true;
        };
        using var temp = new TempDirectory();
        var store = BlobStoreTestExtensions.At(temp.Path);
        var blob = RandomNumberGenerator.GetBytes(150_000);
        var config = Encoding.UTF8.GetBytes("{}");
        var manifest = ManifestJson.For(store.Add(config), config.Length, (store.Add(blob), blob.Length));
        var options = new RegistryOptions
        {
            Insecure = true, MinPartSize = 64 * 1024, MaxPartSize = 64 * 1024, RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        };

        using var client = new RegistryClient(store, options);
        await client.PushAsync(registry.Reference(), manifest, null, CancellationToken.None);

        Assert.All(storage.Requests, r => Assert.Null(r.Authorization));
        Assert.Equal(5, storage.Requests.Count);
        Assert.Equal(2, registry.Requests.Count(r => r.Method == "POST" && r.Authorization is not null));
        // Layers go first, parts in order: the first three PUTs are the model blob, the fourth the config.
        Assert.Equal(4, received.Count);
        Assert.Equal(blob, received.Take(3).SelectMany(part => part).ToArray());
        var partMd5s = new[] { (0, 65536), (65536, 65536), (131072, blob.Length - 131072) }
            .SelectMany(p => MD5.HashData(blob.AsSpan(p.Item1, p.Item2))).ToArray();
        Assert.Equal($"?n=131072&digest={Uri.EscapeDataString(ManifestJson.Digest(blob))}&etag={Convert.ToHexStringLower(MD5.HashData(partMd5s))}-3",
            commits.First());
    }
}
