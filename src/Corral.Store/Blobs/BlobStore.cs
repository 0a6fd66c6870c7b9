using System.Security.Cryptography;
using Corral.Store.Registry;

namespace Corral.Store.Blobs;

/// <summary>
/// Content-addressed files <c>blobs/sha256-&lt;hex&gt;</c>. Content is streamed to a temporary file in the
/// blobs directory while hashed and renamed to its final name only when the digest matches, so a final name
/// never holds a half or wrong file. Pins protect blobs an in-progress create is about to reference from
/// garbage collection. Pulls download into <c>sha256-&lt;hex&gt;-partial</c> (Ollama's name, so a resumed pull finds
/// it) and commit through the same verify-then-rename.
/// </summary>
public sealed class BlobStore : IRegistryBlobStore
{
    private const int CopyBufferSize = 1 << 20;

    private readonly StorePaths _paths;
    private readonly Dictionary<string, int> _pins = new(StringComparer.Ordinal);

    // Held by pinning, unpinning and a whole garbage collection pass, so a collection never sees a blob as
    // unreferenced between "a create pinned it" and "the create's manifest names it".
    private readonly SemaphoreSlim _gcLock = new(1, 1);

    public BlobStore(StorePaths paths)
    {
        _paths = paths;
    }

    public string GetPath(Digest digest) => Path.Combine(_paths.Blobs, digest.FileName);

    public bool Exists(Digest digest) => File.Exists(GetPath(digest));

    /// <summary>The blob's size, or null when absent.</summary>
    public long? GetSize(Digest digest)
    {
        var info = new FileInfo(GetPath(digest));
        return info.Exists ? info.Length : null;
    }

    public string PartialPath(Digest digest) => GetPath(digest) + "-partial";

    /// <summary>
    /// Makes a downloaded file the blob <paramref name="digest"/>: re-hashed here (the store never trusts a caller's
    /// check), flushed to disk, then renamed. A mismatch deletes the file: its bytes cannot be trusted for a resume.
    /// </summary>
    public async Task CommitAsync(Digest digest, string partialPath, CancellationToken cancellationToken)
    {
        Digest actual;
        await using (var file = new FileStream(partialPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read,
                         CopyBufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            actual = Digest.FromHash(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
            file.Flush(flushToDisk: true);
        }

        if (actual != digest)
        {
            File.Delete(partialPath);
            throw StoreException.BadRequest($"digest mismatch, expected \"{digest}\", got \"{actual}\"");
        }

        Commit(partialPath, digest);
    }

    Stream IRegistryBlobStore.OpenRead(Digest digest) => OpenRead(digest);

    /// <summary>Opens a blob for reading, or 404 <c>blob "sha256:…" not found</c>.</summary>
    public FileStream OpenRead(Digest digest)
    {
        try
        {
            return new FileStream(GetPath(digest), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                4096, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw StoreException.NotFound($"blob \"{digest}\" not found");
        }
    }

    /// <summary>
    /// Stores <paramref name="content"/> under <paramref name="digestText"/> as <c>POST /api/blobs/:digest</c>
    /// does. Returns false (and reads nothing) when the blob already exists, true when it was created.
    /// A mismatch is 400 <c>digest mismatch, expected "&lt;param&gt;", got "&lt;actual&gt;"</c>.
    /// </summary>
    public async Task<bool> WriteAsync(string digestText, Stream content, CancellationToken ct = default)
    {
        var expected = Digest.Parse(digestText);
        if (Exists(expected))
        {
            return false;
        }

        var temp = await WriteTempAsync(content, ct).ConfigureAwait(false);
        if (temp.Digest != expected)
        {
            File.Delete(temp.Path);
            throw StoreException.BadRequest($"digest mismatch, expected \"{digestText}\", got \"{temp.Digest}\"");
        }

        Commit(temp.Path, expected);
        return true;
    }

    /// <summary>Copies a file into the store, computing its digest while copying.</summary>
    public async Task<BlobInfo> AddFileAsync(string path, CancellationToken ct = default)
    {
        await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await AddAsync(source, ct).ConfigureAwait(false);
    }

    /// <summary>Stores a stream, computing its digest while writing.</summary>
    public async Task<BlobInfo> AddAsync(Stream content, CancellationToken ct = default)
    {
        var temp = await WriteTempAsync(content, ct).ConfigureAwait(false);
        var existed = Exists(temp.Digest);
        Commit(temp.Path, temp.Digest);
        return new BlobInfo(temp.Digest, temp.Size, existed);
    }

    /// <summary>Moves an already complete file (e.g. a quantizer's output in the blobs dir) in under its digest.</summary>
    public async Task<BlobInfo> AdoptFileAsync(string path, CancellationToken ct = default)
    {
        Digest digest;
        await using (var source = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, CopyBufferSize,
                         FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            digest = Digest.FromHash(await SHA256.HashDataAsync(source, ct).ConfigureAwait(false));

            // Another process wrote it through the page cache: on disk before the rename, like every commit.
            source.Flush(flushToDisk: true);
        }

        var size = new FileInfo(path).Length;
        var existed = Exists(digest);
        Commit(path, digest);
        return new BlobInfo(digest, size, existed);
    }

    public async Task<BlobInfo> AddBytesAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return await AddAsync(stream, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes a blob unless an in-progress create has pinned it; false when absent or pinned.</summary>
    public bool Delete(Digest digest)
    {
        _gcLock.Wait();
        try
        {
            var path = GetPath(digest);
            if (_pins.ContainsKey(digest.Hex) || !File.Exists(path))
            {
                return false;
            }

            File.Delete(path);
            return true;
        }
        finally
        {
            _gcLock.Release();
        }
    }

    /// <summary>Protects blobs from garbage collection until the returned handle is disposed.</summary>
    public IDisposable Pin(IEnumerable<Digest> digests)
    {
        var pinned = digests.Select(d => d.Hex).ToArray();
        _gcLock.Wait();
        try
        {
            foreach (var hex in pinned)
            {
                _pins[hex] = _pins.GetValueOrDefault(hex) + 1;
            }
        }
        finally
        {
            _gcLock.Release();
        }

        return new ReleaseOnce(() => Unpin(pinned));
    }

    /// <summary>
    /// Deletes every blob not in <paramref name="referenced"/> and not pinned, plus stale temporary/partial
    /// files. Only files last written before <paramref name="olderThan"/> are touched (Ollama prunes at startup
    /// with a one hour grace), except temporary files whose writer process is gone: nothing can finish those.
    /// <paramref name="referenced"/> is read under the collection lock.
    /// <paramref name="candidates"/> (blob hex digests), when given, limits the pass to those blobs.
    /// </summary>
    public int Collect(Func<IReadOnlySet<string>> referenced, DateTime olderThan, IReadOnlySet<string>? candidates)
    {
        if (!Directory.Exists(_paths.Blobs))
        {
            return 0;
        }

        _gcLock.Wait();
        try
        {
            var keep = referenced();
            var deleted = 0;
            foreach (var file in Directory.EnumerateFiles(_paths.Blobs))
            {
                var name = Path.GetFileName(file);
                var isBlob = Digest.TryParse(name, out var digest);
                if (candidates is not null && (!isBlob || !candidates.Contains(digest.Hex)))
                {
                    continue;
                }

                if (isBlob && (keep.Contains(digest.Hex) || _pins.ContainsKey(digest.Hex)))
                {
                    continue;
                }

                if (File.GetLastWriteTimeUtc(file) < olderThan || (candidates is null && IsAbandonedTemp(name)))
                {
                    File.Delete(file);
                    deleted++;
                }
            }

            return deleted;
        }
        finally
        {
            _gcLock.Release();
        }
    }

    // A reused pid looks alive: its file then waits for the grace period like any other partial.
    private static bool IsAbandonedTemp(string fileName)
    {
        if (StorePaths.TempFileWriter(fileName) is not { } pid)
        {
            return false;
        }
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private void Unpin(string[] pinned)
    {
        _gcLock.Wait();
        try
        {
            foreach (var hex in pinned)
            {
                var count = _pins[hex] - 1;
                if (count == 0)
                {
                    _pins.Remove(hex);
                }
                else
                {
                    _pins[hex] = count;
                }
            }
        }
        finally
        {
            _gcLock.Release();
        }
    }

    private async Task<(string Path, Digest Digest, long Size)> WriteTempAsync(Stream content, CancellationToken ct)
    {
        Directory.CreateDirectory(_paths.Blobs);
        var tempPath = _paths.NewTempFile();
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            await using (var temp = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None,
                             4096, FileOptions.Asynchronous))
            {
                var buffer = new byte[CopyBufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await temp.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                    size += read;
                }

                await temp.FlushAsync(ct).ConfigureAwait(false);

                // On disk before the rename, so a crash never leaves a final name over unwritten data.
                temp.Flush(flushToDisk: true);
            }

            return (tempPath, Digest.FromHash(hash.GetHashAndReset()), size);
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
    }

    // Same content under the same name: replacing a concurrently committed copy is harmless and atomic.
    private void Commit(string tempPath, Digest digest) => File.Move(tempPath, GetPath(digest), overwrite: true);
}
