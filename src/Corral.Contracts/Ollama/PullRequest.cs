using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>Body of <c>POST /api/pull</c> (Go <c>api.PullRequest</c>).</summary>
public sealed record PullRequest
{
    public string Model { get; set; } = "";

    /// <summary>Allow plain HTTP and unverified TLS to the registry.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Insecure { get; init; }

    public bool? Stream { get; init; }

    /// <summary>Deprecated alias of <see cref="Model"/>.</summary>
    public string? Name { get; init; }
}
