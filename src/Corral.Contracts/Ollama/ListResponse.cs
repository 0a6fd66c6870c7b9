using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>Response of <c>GET /api/tags</c>.</summary>
public sealed record ListResponse
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IReadOnlyList<ListModelResponse> Models { get; set; } = [];
}
