using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>Body of <c>POST /api/embed</c> (Go <c>api.EmbedRequest</c>).</summary>
public sealed record EmbedRequest
{
    public string Model { get; set; } = "";

    /// <summary>A string or an array of strings.</summary>
    public EmbedInput? Input { get; init; }

    public Duration? KeepAlive { get; init; }

    /// <summary>Cut inputs longer than the context (absent = true); false makes them a 400.</summary>
    public bool? Truncate { get; init; }

    /// <summary>Truncate each vector to this many dimensions and re-normalize (0 = full).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Dimensions { get; init; }

    public Dictionary<string, JsonElement>? Options { get; init; }
}
