using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>Response of the legacy <c>POST /api/embeddings</c>: one vector, not normalized.</summary>
public sealed record EmbeddingResponse
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IReadOnlyList<double> Embedding { get; set; } = [];
}
