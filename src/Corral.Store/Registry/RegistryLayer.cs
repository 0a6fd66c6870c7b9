using Corral.Store.Blobs;

namespace Corral.Store.Registry;

/// <summary>One manifest descriptor (layer or config); <c>From</c> is Ollama's source-model hint used for mounts.</summary>
public sealed record RegistryLayer(string MediaType, Digest Digest, long Size, string? From = null);
