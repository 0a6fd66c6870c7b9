namespace Corral.Store.Registry;

/// <summary>
/// One progress event with Ollama's status strings (<c>pulling manifest</c>, <c>pulling &lt;12 hex&gt;</c>,
/// <c>verifying sha256 digest</c>, <c>pushing &lt;12 hex&gt;</c>, <c>pushing manifest</c>, <c>success</c>).
/// Total/Completed are 0 when absent (Ollama omits them when 0).
/// </summary>
public sealed record RegistryProgress(string Status, string? Digest = null, long Total = 0, long Completed = 0);
