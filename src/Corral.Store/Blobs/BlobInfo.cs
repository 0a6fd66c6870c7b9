namespace Corral.Store.Blobs;

/// <summary>A stored blob: its digest and size in bytes.</summary>
public readonly record struct BlobInfo(Digest Digest, long Size);
