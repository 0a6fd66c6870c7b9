namespace Corral.Store.Registry;

/// <summary>
/// A finished pull: every blob is committed; the caller writes <see cref="ManifestBytes"/> verbatim (Ollama stores
/// pulled manifests byte for byte) and reports <c>writing manifest</c> / <c>success</c>.
/// </summary>
public sealed record RegistryPullResult(byte[] ManifestBytes, RegistryManifest Manifest);
