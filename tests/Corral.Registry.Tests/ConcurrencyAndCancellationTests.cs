using System.Text.Json;
using Corral.Store.Registry;

namespace Corral.Registry.Tests;

public sealed class ConcurrencyAndCancellationTests
{
    private static readonly RegistryOptions Options = new()
    {
        Insecure = true, MinPartSize = 64 * 1024, MaxPartSize = 64 * 1024, MaxParallelParts = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
    };

    [Fact]
    public async Task ConcurrentPullsOfOneBlobDownloadItOnce()
    {
        await using var registry = await FakeRegistry.StartAsync();
        var (layer, _) = ManifestJson.Publish(registry);
        var digest = ManifestJson.Digest(layer);
        using var temp = new TempDirectory();
        var store = BlobStoreTestExtensions.At(temp.Sub("store"));

        using var first = new RegistryClient(store, Options);
        using var second = new RegistryClient(store, Options);
        await Task.WhenAll(first.PullAsync(registry.Reference(), null, CancellationToken.None),
            second.PullAsync(registry.Reference(), null, CancellationToken.None));

        Assert.Equal(layer, store.Read(digest));
        var parts = (int)Math.Ceiling(layer.Length / (double)Options.MinPartSize);
        Assert.Equal(parts, registry.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith(digest)));
    }

    [Fact]
    public async Task CancelledPullKeepsItsProgressForTheNextPull()
    {
        await using var registry = await FakeRegistry.StartAsync();
        var (layer, _) = ManifestJson.Publish(registry);
        var digest = ManifestJson.Digest(layer);
        var stalled = new TaskCompletionSource();
        registry.Intercept = async context =>
        {
            // The third part hangs after sending nothing, until the client goes away.
            if (context.Request.Headers.Range != $"bytes={2 * Options.MinPartSize}-{3 * Options.MinPartSize - 1}")
                return false;
            stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            return true;
        };
        using var temp = new TempDirectory();
        var store = BlobStoreTestExtensions.At(temp.Sub("store"));
        using var cancel = new CancellationTokenSource();

        using var client = new RegistryClient(store, Options);
        var pull = client.PullAsync(registry.Reference(), null, cancel.Token);
        await stalled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pull);

        var partial = store.PartialPath(digest);
        Assert.False(store.Exists(digest));
        Assert.Equal(2 * Options.MinPartSize, Enumerable.Range(0, 5).Sum(n =>
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes($"{partial}-{n}"));
            return json.RootElement.GetProperty("Completed").GetInt64();
        }));

        registry.Intercept = null;
        await client.PullAsync(registry.Reference(), null, CancellationToken.None);
        Assert.Equal(layer, store.Read(digest));
    }

    [Fact]
    public async Task StalledPartIsRetriedAndCompletes()
    {
        await using var registry = await FakeRegistry.StartAsync();
        var (layer, _) = ManifestJson.Publish(registry);
        var digest = ManifestJson.Digest(layer);
        var ranges = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var stalls = 0;
        registry.Intercept = async context =>
        {
            ranges.Enqueue(context.Request.Headers.Range.ToString());
            // The first request for the second part sends headers and a few bytes, then goes silent.
            if (context.Request.Headers.Range != $"bytes={Options.MinPartSize}-{2 * Options.MinPartSize - 1}"
                || Interlocked.Increment(ref stalls) > 1)
                return false;
            context.Response.StatusCode = 206;
            context.Response.ContentLength = Options.MinPartSize;
            await context.Response.Body.WriteAsync(layer.AsMemory((int)Options.MinPartSize, 10));
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            return true;
        };
        using var temp = new TempDirectory();
        var store = BlobStoreTestExtensions.At(temp.Sub("store"));

        using var client = new RegistryClient(store, Options with { StallTimeout = TimeSpan.FromMilliseconds(300) });
        await client.PullAsync(registry.Reference(), null, CancellationToken.None);

        Assert.Equal(layer, store.Read(digest));
        // The retry asked only for what the stalled attempt had not delivered.
        Assert.Equal(1, stalls);
        Assert.Contains($"bytes={Options.MinPartSize + 10}-{2 * Options.MinPartSize - 1}", ranges);
    }
}
