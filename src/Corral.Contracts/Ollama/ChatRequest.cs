using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>Body of <c>POST /api/chat</c> (Go <c>api.ChatRequest</c>).</summary>
public sealed record ChatRequest
{
    public string Model { get; set; } = "";

    /// <summary>The conversation; empty means "load the model" (or unload with <see cref="KeepAlive"/> 0).</summary>
    public IReadOnlyList<Message>? Messages { get; init; }

    /// <summary>Streams NDJSON unless false (absent = true).</summary>
    public bool? Stream { get; init; }

    /// <summary><c>"json"</c> or a JSON Schema object; kept raw and validated by the server.</summary>
    public JsonElement? Format { get; init; }

    public Duration? KeepAlive { get; init; }

    public IReadOnlyList<Tool>? Tools { get; init; }

    /// <summary>Model options by Ollama name (see <see cref="Options"/>).</summary>
    public Dictionary<string, JsonElement>? Options { get; init; }

    public ThinkValue? Think { get; init; }

    public bool? Truncate { get; init; }

    public bool? Shift { get; init; }

    [JsonPropertyName("_debug_render_only")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool DebugRenderOnly { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Logprobs { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int TopLogprobs { get; init; }
}
