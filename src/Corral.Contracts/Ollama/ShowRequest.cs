using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>Body of <c>POST /api/show</c> (Go <c>api.ShowRequest</c>).</summary>
public sealed record ShowRequest
{
    public string Model { get; set; } = "";

    /// <summary>Overrides the SYSTEM shown.</summary>
    public string? System { get; init; }

    /// <summary>Ignored, as in Ollama.</summary>
    public string? Template { get; init; }

    /// <summary>Return full arrays in <c>model_info</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Verbose { get; init; }

    public Dictionary<string, JsonElement>? Options { get; init; }

    /// <summary>Deprecated alias of <see cref="Model"/>.</summary>
    public string? Name { get; init; }
}
