namespace Corral.Store.Blobs;

/// <summary>A stored blob: its digest, its size in bytes, and whether it was already stored before.</summary>
public readonly record struct BlobInfo(Digest Digest, long Size, bool Existed = false);
