using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>Response of <c>GET /api/ps</c>.</summary>
public sealed record ProcessResponse
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IReadOnlyList<ProcessModelResponse> Models { get; set; } = [];
}
