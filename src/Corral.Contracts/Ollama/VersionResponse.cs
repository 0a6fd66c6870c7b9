namespace Corral.Contracts.Ollama;

/// <summary>Response of <c>GET /api/version</c>: the Ollama API version Corral implements.</summary>
public sealed record VersionResponse
{
    public string Version { get; set; } = "";
}
