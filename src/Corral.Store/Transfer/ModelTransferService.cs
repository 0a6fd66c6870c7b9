using Corral.Store.Blobs;
using Corral.Store.Models;
using Corral.Store.Names;
using Corral.Store.Registry;

namespace Corral.Store.Transfer;

/// <summary>
/// <c>/api/pull</c> and <c>/api/push</c> over the model store (Ollama's server/images.go PullModel/PushModel,
/// reference §1.10): the registry client moves the blobs through <see cref="BlobStore"/> (verified, then renamed),
/// and this service resolves names, writes the pulled manifest last, prunes what the old manifest alone used and
/// reports Ollama's statuses. Failures end the stream with a <see cref="StoreException"/> (Status + message) or a
/// <see cref="RegistryException"/> (Kind + Ollama's message).
/// </summary>
/// <param name="store">The local store.</param>
/// <param name="options">Registry options (credentials, signing key, proxy, retries); <c>insecure</c> is per call.</param>
public sealed class ModelTransferService(ModelStore store, RegistryOptions options)
{
    /// <summary>
    /// Pulls <paramref name="model"/>: <c>pulling manifest</c>, <c>pulling &lt;12 hex&gt;</c> (digest/total/completed),
    /// <c>verifying sha256 digest</c>, <c>writing manifest</c>, [<c>removing unused layers</c>], <c>success</c>.
    /// </summary>
    public IAsyncEnumerable<RegistryProgress> PullAsync(string model, bool insecure, CancellationToken cancellationToken) =>
        ProgressStream.RunAsync<RegistryProgress>((progress, ct) => PullCoreAsync(model, insecure, progress, ct),
            cancellationToken);

    /// <summary>
    /// Pushes <paramref name="model"/>: <c>retrieving manifest</c>, <c>pushing &lt;12 hex&gt;</c>, <c>pushing manifest</c>,
    /// <c>success</c>; a model missing locally reports <c>couldn't retrieve manifest</c> before its error.
    /// </summary>
    public IAsyncEnumerable<RegistryProgress> PushAsync(string model, bool insecure, CancellationToken cancellationToken) =>
        ProgressStream.RunAsync<RegistryProgress>((progress, ct) => PushCoreAsync(model, insecure, progress, ct),
            cancellationToken);

    private async Task PullCoreAsync(string model, bool insecure, IProgress<RegistryProgress> progress,
        CancellationToken cancellationToken)
    {
        // getExistingName: pulling "LLaMa3" refreshes an existing "llama3" instead of creating a second manifest.
        var name = store.Manifests.Canonicalize(ModelName.ParseValid(model));
        var reference = RegistryReference.From(model, name);

        RegistryPullResult pulled;
        using (var client = new RegistryClient(store.Blobs, options with { Insecure = insecure }))
        {
            pulled = await client.PullAsync(reference, progress, cancellationToken).ConfigureAwait(false);
        }

        var digests = pulled.Manifest.Blobs.Select(layer => layer.Digest).ToList();
        IReadOnlyList<Digest> unused;
        // Pinned so a concurrent delete of another model sharing these blobs cannot collect them before the
        // manifest that references them exists.
        using (store.Blobs.Pin(digests))
        using (await store.LockNameAsync(name, cancellationToken).ConfigureAwait(false))
        {
            if (digests.Where(digest => !store.Blobs.Exists(digest)).Select(d => d.ToString()).FirstOrDefault() is { } missing)
            {
                throw StoreException.NotFound($"blob \"{missing}\" not found");
            }

            unused = PreviousDigests(name).Except(digests).ToList();
            progress.Report(new RegistryProgress("writing manifest"));
            store.Manifests.WriteBytes(name, pulled.ManifestBytes);
        }

        if (!store.NoPrune && unused.Count > 0)
        {
            progress.Report(new RegistryProgress("removing unused layers"));
            store.DeleteUnreferenced(unused);
        }

        progress.Report(new RegistryProgress("success"));
    }

    private async Task PushCoreAsync(string model, bool insecure, IProgress<RegistryProgress> progress,
        CancellationToken cancellationToken)
    {
        var name = store.Manifests.Canonicalize(ModelName.ParseValid(model));
        var stored = store.Manifests.Read(name);
        if (stored is null)
        {
            progress.Report(new RegistryProgress("retrieving manifest"));
            progress.Report(new RegistryProgress("couldn't retrieve manifest"));
            throw StoreException.NotFound($"model '{model}' not found");
        }

        using var client = new RegistryClient(store.Blobs, options with { Insecure = insecure });
        await client.PushAsync(RegistryReference.From(model, name), stored.Bytes, progress, cancellationToken)
            .ConfigureAwait(false);
    }

    // The blobs of the manifest this pull replaces; a corrupt one references nothing we can trust.
    private IEnumerable<Digest> PreviousDigests(ModelName name)
    {
        try
        {
            return store.Manifests.Read(name)?.Manifest.BlobDigests().ToList() ?? [];
        }
        catch (StoreException)
        {
            return [];
        }
    }
}
