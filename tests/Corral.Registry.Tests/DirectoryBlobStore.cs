using System.Security.Cryptography;
using Corral.Store.Registry;

namespace Corral.Registry.Tests;

/// <summary>
/// Test implementation of the registry blob seam with Ollama's layout (<c>blobs/sha256-&lt;hex&gt;</c>); the product
/// implementation is the store's BlobStore.
/// </summary>
internal sealed class DirectoryBlobStore(string root) : IRegistryBlobStore
{
    public string BlobDirectory { get; } = Path.Combine(root, "blobs");

    public bool Exists(string digest) => File.Exists(FinalPath(digest));

    public long? Size(string digest) => Exists(digest) ? new FileInfo(FinalPath(digest)).Length : null;

    public string PartialPath(string digest) => FinalPath(digest) + "-partial";

    public async Task CommitAsync(string digest, string partialPath, CancellationToken cancellationToken)
    {
        await using (var stream = File.OpenRead(partialPath))
        {
            var actual = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            if (actual != digest)
            {
                stream.Close();
                File.Delete(partialPath);
                throw new InvalidDataException($"digest mismatch: want {digest}, got {actual}");
            }
        }
        File.Move(partialPath, FinalPath(digest));
    }

    public Stream OpenRead(string digest) => File.OpenRead(FinalPath(digest));

    /// <summary>Adds content directly (the source side of a push) and returns its digest.</summary>
    public string Add(byte[] content)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        Directory.CreateDirectory(BlobDirectory);
        File.WriteAllBytes(FinalPath(digest), content);
        return digest;
    }

    public byte[] Read(string digest) => File.ReadAllBytes(FinalPath(digest));

    private string FinalPath(string digest)
    {
        if (!RegistryDigest.IsValid(digest))
            throw new ArgumentException($"invalid digest {digest}", nameof(digest));
        return Path.Combine(BlobDirectory, digest.Replace(':', '-'));
    }
}
