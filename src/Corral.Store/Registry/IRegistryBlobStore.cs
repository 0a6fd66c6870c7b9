using Corral.Store.Blobs;

namespace Corral.Store.Registry;

/// <summary>
/// What the registry client needs from the content-addressed blob store; the store's <see cref="BlobStore"/>
/// implements it. Digests are the validated <see cref="Digest"/> type, so nothing unchecked becomes a path.
/// </summary>
public interface IRegistryBlobStore
{
    /// <summary>True when the final blob <c>blobs/sha256-&lt;hex&gt;</c> exists.</summary>
    bool Exists(Digest digest);

    /// <summary>Size of the final blob, or null when it does not exist.</summary>
    long? GetSize(Digest digest);

    /// <summary>
    /// Path of the in-progress download for <paramref name="digest"/> (Ollama: <c>blobs/sha256-&lt;hex&gt;-partial</c>).
    /// The client keeps its resumable part state next to it as <c>&lt;path&gt;-&lt;N&gt;</c> files and deletes them when done.
    /// </summary>
    string PartialPath(Digest digest);

    /// <summary>
    /// Makes a fully downloaded partial file the final blob: re-checks its sha256 and renames it into place.
    /// The client has already verified the hash; on a mismatch the store must delete the file and throw.
    /// </summary>
    Task CommitAsync(Digest digest, string partialPath, CancellationToken cancellationToken);

    /// <summary>Opens a final blob for reading (push).</summary>
    Stream OpenRead(Digest digest);
}
