using System.Text;
using System.Text.Json;
using Corral.Store.Blobs;
using Corral.Store.Names;
using Corral.Store.Registry;

namespace Corral.Registry.Tests;

/// <summary>
/// Issue 6 acceptance 4 through the store: a hostile registry makes the pull fail clearly, the model already under
/// that name keeps its manifest, no corrupt blob gets a final name and nothing outside the store is touched.
/// </summary>
public sealed class ModelTransferHostileTests
{
    private static readonly RegistryOptions Options = new()
    {
        MinPartSize = 64 * 1024, MaxPartSize = 64 * 1024, RetryBaseDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 1,
    };

    [Fact]
    public async Task ForgedBlobFailsThePullAndLeavesTheExistingModelAsItWas()
    {
        await using var registry = await FakeRegistry.StartAsync();
        var (layer, _) = ManifestJson.Publish(registry);
        var digest = ManifestJson.Digest(layer);
        var forged = layer.ToArray();
        forged[^1] ^= 0xFF;
        registry.Blobs[digest] = forged;
        using var local = new TransferTestStore();
        var name = $"{registry.Host}/corral/fake";
        await local.CreateModelAsync(name, "Existing.");
        var manifest = local.Store.Manifests.Read(ModelName.Parse(name))!.Bytes;
        var files = local.Files();

        var error = await Assert.ThrowsAsync<RegistryException>(() =>
            TransferTestStore.CollectAsync(local.Transfer(Options).PullAsync(name, insecure: true, CancellationToken.None)));

        Assert.Equal(RegistryErrorKind.DigestMismatch, error.Kind);
        Assert.Equal($"digest mismatch, file must be downloaded again: want {digest}, got {ManifestJson.Digest(forged)}",
            error.Message);
        Assert.Equal(manifest, local.Store.Manifests.Read(ModelName.Parse(name))!.Bytes);
        Assert.Equal(files, local.Files());
    }

    [Theory]
    [InlineData("sha256:../../../../x")]
    [InlineData("sha256:../../../../../../tmp/corral-probllama")]
    public async Task TraversalDigestIsRefusedBeforeAnythingIsWritten(string traversal)
    {
        await using var registry = await FakeRegistry.StartAsync();
        var config = Encoding.UTF8.GetBytes("{}");
        registry.Blobs[ManifestJson.Digest(config)] = config;
        registry.Manifests["latest"] = ManifestJson.For(ManifestJson.Digest(config), config.Length, (traversal, 4));
        using var local = new TransferTestStore();

        var error = await Assert.ThrowsAsync<RegistryException>(() => TransferTestStore.CollectAsync(
            local.Transfer(Options).PullAsync($"{registry.Host}/corral/fake", insecure: true, CancellationToken.None)));

        Assert.Equal(RegistryErrorKind.InvalidManifest, error.Kind);
        Assert.StartsWith("pull model manifest: invalid digest format", error.Message);
        Assert.Empty(local.Files());
        Assert.False(File.Exists("/tmp/corral-probllama"));
    }

    [Fact]
    public async Task OversizedManifestIsRefused()
    {
        await using var registry = await FakeRegistry.StartAsync();
        registry.Intercept = async context =>
        {
            await context.Response.Body.WriteAsync(new byte[Options.MaxManifestBytes + 1]);
            return true;
        };
        using var local = new TransferTestStore();

        var error = await Assert.ThrowsAsync<RegistryException>(() => TransferTestStore.CollectAsync(
            local.Transfer(Options).PullAsync($"{registry.Host}/corral/fake", insecure: true, CancellationToken.None)));

        Assert.Equal($"pull model manifest: manifest is larger than {Options.MaxManifestBytes} bytes", error.Message);
        Assert.Empty(local.Files());
    }

    [Fact]
    public async Task CancelledPullKeepsItsPartialInTheStoreAndTheNextPullFinishesIt()
    {
        await using var registry = await FakeRegistry.StartAsync();
        var (layer, _) = ManifestJson.Publish(registry);
        var digest = Digest.Parse(ManifestJson.Digest(layer));
        var stalled = new TaskCompletionSource();
        registry.Intercept = async context =>
        {
            // The third part never arrives; the first two do.
            if (context.Request.Headers.Range != $"bytes={2 * Options.MinPartSize}-{3 * Options.MinPartSize - 1}")
                return false;
            stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
            return true;
        };
        using var local = new TransferTestStore();
        var name = $"{registry.Host}/corral/fake";
        using var cancel = new CancellationTokenSource();

        var pull = TransferTestStore.CollectAsync(local.Transfer(Options).PullAsync(name, insecure: true, cancel.Token));
        await stalled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // Cancelled once every other part is saved as complete, so the resume has a known starting point.
        var partial = local.Store.Blobs.PartialPath(digest);
        var others = layer.Length - Options.MinPartSize;
        for (var wait = 0; PartFiles(partial).Sum(CompletedBytes) < others && wait < 200; wait++)
            await Task.Delay(50);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pull);

        Assert.False(local.Store.Blobs.Exists(digest));
        Assert.True(File.Exists(partial));
        Assert.Null(local.Store.Manifests.Read(ModelName.Parse(name)));
        var kept = PartFiles(partial).Sum(CompletedBytes);
        Assert.Equal(others, kept);

        registry.Intercept = null;
        var events = await TransferTestStore.CollectAsync(local.Transfer(Options).PullAsync(name, insecure: true, CancellationToken.None));

        Assert.Equal(layer, File.ReadAllBytes(local.Store.Blobs.GetPath(digest)));
        Assert.Equal("success", events[^1].Status);
        // The resumed download started from the parts already on disk and cleaned up after itself.
        Assert.Equal(kept, events.First(e => e.Digest == digest.ToString()).Completed);
        Assert.False(File.Exists(partial));
        Assert.Empty(PartFiles(partial));
    }

    [Fact]
    public async Task AConsumerThatStopsReadingStopsTheDownload()
    {
        await using var registry = await FakeRegistry.StartAsync();
        var (layer, _) = ManifestJson.Publish(registry);
        var stalled = new TaskCompletionSource();
        var aborted = new TaskCompletionSource();
        registry.Intercept = async context =>
        {
            if (context.Request.Headers.Range != $"bytes={2 * Options.MinPartSize}-{3 * Options.MinPartSize - 1}")
                return false;
            stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => aborted.TrySetResult());
            return true;
        };
        using var local = new TransferTestStore();
        var name = $"{registry.Host}/corral/fake";

        await foreach (var progress in local.Transfer(Options).PullAsync(name, insecure: true, CancellationToken.None))
        {
            if (progress.Digest == ManifestJson.Digest(layer))
            {
                await stalled.Task.WaitAsync(TimeSpan.FromSeconds(10));
                break;
            }
        }

        // Leaving the loop (a client that went away) cancelled the pull: the stalled request was closed.
        await aborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(local.Store.Manifests.Read(ModelName.Parse(name)));
        Assert.False(local.Store.Blobs.Exists(Digest.Parse(ManifestJson.Digest(layer))));
    }

    private static long CompletedBytes(string partFile)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(partFile));
        return json.RootElement.GetProperty("Completed").GetInt64();
    }

    // The part state files <partial>-<N> (not the .tmp files they are saved through).
    private static string[] PartFiles(string partial) =>
        Directory.GetFiles(Path.GetDirectoryName(partial)!, Path.GetFileName(partial) + "-*")
            .Where(file => file[(partial.Length + 1)..].All(char.IsAsciiDigit)).ToArray();
}
