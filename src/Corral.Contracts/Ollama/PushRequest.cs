using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>Body of <c>POST /api/push</c> (Go <c>api.PushRequest</c>).</summary>
public sealed record PushRequest
{
    public string Model { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Insecure { get; init; }

    public bool? Stream { get; init; }

    /// <summary>Deprecated alias of <see cref="Model"/>.</summary>
    public string? Name { get; init; }
}
