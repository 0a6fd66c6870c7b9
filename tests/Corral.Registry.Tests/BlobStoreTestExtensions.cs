using Corral.Store;
using Corral.Store.Blobs;

namespace Corral.Registry.Tests;

/// <summary>
/// The registry tests run against the store's real <see cref="BlobStore"/>; these helpers take the digest strings
/// the tests build manifests from.
/// </summary>
internal static class BlobStoreTestExtensions
{
    /// <summary>A blob store rooted at <paramref name="root"/> (blobs under <c>root/blobs</c>).</summary>
    public static BlobStore At(string root) => new(new StorePaths(root));

    /// <summary>Adds content directly (the source side of a push) and returns its digest.</summary>
    public static string Add(this BlobStore store, byte[] content) =>
        store.AddBytesAsync(content).GetAwaiter().GetResult().Digest.ToString();

    public static byte[] Read(this BlobStore store, string digest) => File.ReadAllBytes(store.GetPath(Digest.Parse(digest)));

    public static bool Exists(this BlobStore store, string digest) => store.Exists(Digest.Parse(digest));

    public static string PartialPath(this BlobStore store, string digest) => store.PartialPath(Digest.Parse(digest));
}
