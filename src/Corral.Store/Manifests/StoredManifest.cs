using Corral.Store.Names;

namespace Corral.Store.Manifests;

/// <summary>A manifest as found on disk: its name, parsed form, raw bytes and modification time.</summary>
public sealed record StoredManifest(ModelName Name, Manifest Manifest, byte[] Bytes, DateTime ModifiedAt)
{
    /// <summary>The model digest shown by tags/ps: sha256 hex of the manifest file bytes, no prefix.</summary>
    public string Digest => Blobs.Digest.Of(Bytes).Hex;
}
