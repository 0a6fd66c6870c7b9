using System.Text.Json;

namespace Corral.Contracts.Ollama;

/// <summary>Body of the legacy <c>POST /api/embeddings</c> (Go <c>api.EmbeddingRequest</c>).</summary>
public sealed record EmbeddingRequest
{
    public string Model { get; set; } = "";

    public string? Prompt { get; init; }

    public Duration? KeepAlive { get; init; }

    public Dictionary<string, JsonElement>? Options { get; init; }
}
