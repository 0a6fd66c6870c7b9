using System.Buffers;
using System.Net;
using System.Security.Cryptography;
using Corral.Store.Blobs;
using Microsoft.Win32.SafeHandles;

namespace Corral.Store.Registry;

/// <summary>
/// Downloads one blob in parallel ranged parts into the store's partial file, resuming from the part state on disk,
/// then verifies its sha256 before the store commits it (Ollama's server/download.go).
/// </summary>
internal sealed class BlobDownloader(RegistryTransport transport, IRegistryBlobStore store, RegistryOptions options)
{
    public async Task DownloadAsync(string repository, RegistryLayer layer, IProgress<RegistryProgress>? progress,
        CancellationToken cancellationToken)
    {
        var partialPath = store.PartialPath(layer.Digest);
        var parts = BlobPart.Load(partialPath, layer.Size) ?? Start(partialPath, layer.Size);
        var reporter = new LayerProgress("pulling", layer, progress, options.ProgressInterval, parts.Sum(p => p.Completed));
        reporter.Report();
        var uri = new Uri(transport.RegistryBase, $"v2/{repository}/blobs/{layer.Digest}");
        using (var file = File.OpenHandle(partialPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite,
                   FileOptions.Asynchronous))
        using (var gate = new SemaphoreSlim(options.MaxParallelParts))
        {
            await Task.WhenAll(parts.Where(part => part.Completed < part.Size)
                .Select(part => DownloadPartAsync(uri, file, part, partialPath, reporter, gate, cancellationToken)))
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Hashes the finished partial file; a mismatch deletes it and its part state (the bytes cannot be trusted for a
    /// resume) with Ollama's message, otherwise the store commits it under its final name.
    /// </summary>
    public async Task VerifyAndCommitAsync(RegistryLayer layer, CancellationToken cancellationToken)
    {
        var partialPath = store.PartialPath(layer.Digest);
        Digest actual;
        await using (var stream = new FileStream(partialPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20,
                         FileOptions.Asynchronous | FileOptions.SequentialScan))
            actual = Digest.FromHash(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        if (actual != layer.Digest)
        {
            File.Delete(partialPath);
            BlobPart.DeleteAll(partialPath);
            throw new RegistryException(RegistryErrorKind.DigestMismatch,
                $"digest mismatch, file must be downloaded again: want {layer.Digest}, got {actual}");
        }
        await store.CommitAsync(layer.Digest, partialPath, cancellationToken).ConfigureAwait(false);
        BlobPart.DeleteAll(partialPath);
    }

    private List<BlobPart> Start(string partialPath, long total)
    {
        BlobPart.DeleteAll(partialPath);
        Directory.CreateDirectory(Path.GetDirectoryName(partialPath)!);
        // Sized up front so parts can write at their offsets in any order.
        using (var file = File.OpenHandle(partialPath, FileMode.Create, FileAccess.Write, FileShare.None))
            RandomAccess.SetLength(file, total);
        var parts = BlobPart.Plan(total, options);
        foreach (var part in parts)
            part.Save(partialPath);
        return parts;
    }

    private async Task DownloadPartAsync(Uri uri, SafeFileHandle file, BlobPart part, string partialPath,
        LayerProgress reporter, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await FetchPartAsync(uri, file, part, reporter, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (attempt < options.MaxRetries && RegistryRetry.IsTransient(e, cancellationToken))
            {
                // Retried below, after the gate is released and the state saved.
            }
            finally
            {
                part.Save(partialPath);
                gate.Release();
            }
            await Task.Delay(RegistryRetry.Delay(options, attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FetchPartAsync(Uri uri, SafeFileHandle file, BlobPart part, LayerProgress reporter,
        CancellationToken cancellationToken)
    {
        var start = part.Offset + part.Completed;
        var end = part.Offset + part.Size - 1;
        using var response = await transport.SendAsync(HttpMethod.Get, uri, null,
            request => request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(start, end),
            cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await RegistryTransport.ErrorAsync(response, "", cancellationToken).ConfigureAwait(false);
        // A server that ignores Range sends the whole blob with 200: skip to our offset rather than fail.
        var skip = response.StatusCode == HttpStatusCode.PartialContent ? 0 : start;
        if (skip == 0 && response.Content.Headers.ContentRange?.From is { } from && from != start)
            throw new RegistryException(RegistryErrorKind.RegistryError,
                $"registry answered range {from}- for a request starting at {start}");

        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (part.Completed < part.Size)
            {
                stall.CancelAfter(options.StallTimeout);
                int read;
                try
                {
                    read = await body.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new RegistryException(RegistryErrorKind.Transient, $"no data received for {options.StallTimeout.TotalSeconds} s");
                }
                if (read == 0)
                    throw new RegistryException(RegistryErrorKind.Transient, "blob download ended early");
                var data = buffer.AsMemory(0, read);
                if (skip > 0)
                {
                    var dropped = (int)Math.Min(skip, read);
                    skip -= dropped;
                    data = data[dropped..];
                }
                data = data[..(int)Math.Min(data.Length, part.Size - part.Completed)];
                await RandomAccess.WriteAsync(file, data, part.Offset + part.Completed, cancellationToken)
                    .ConfigureAwait(false);
                part.Completed += data.Length;
                reporter.Add(data.Length);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
