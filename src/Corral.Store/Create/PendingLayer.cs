using Corral.Store.Manifests;

namespace Corral.Store.Create;

/// <summary>A layer of the manifest being built, and whether its blob already existed before this create.</summary>
internal sealed record PendingLayer(ManifestLayer Layer, bool Existed);
