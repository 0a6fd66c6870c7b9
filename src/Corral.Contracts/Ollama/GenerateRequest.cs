using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>Body of <c>POST /api/generate</c> (Go <c>api.GenerateRequest</c>).</summary>
public sealed record GenerateRequest
{
    /// <summary>Model name, e.g. <c>llama3.2</c> or <c>library/llama3.2:latest</c>.</summary>
    public string Model { get; set; } = "";

    /// <summary>Prompt text; empty means "load the model" (or unload with <see cref="KeepAlive"/> 0).</summary>
    public string? Prompt { get; init; }

    /// <summary>Text after the completion (fill-in-the-middle); needs the <c>insert</c> capability.</summary>
    public string? Suffix { get; init; }

    /// <summary>Overrides the model's SYSTEM message.</summary>
    public string? System { get; init; }

    /// <summary>Overrides the model's Go TEMPLATE.</summary>
    public string? Template { get; init; }

    /// <summary>Deprecated token context returned by a previous response.</summary>
    public IReadOnlyList<int>? Context { get; init; }

    /// <summary>Streams NDJSON unless false (absent = true).</summary>
    public bool? Stream { get; init; }

    /// <summary>Send the prompt without templating.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Raw { get; init; }

    /// <summary><c>"json"</c> or a JSON Schema object; kept raw and validated by the server.</summary>
    public JsonElement? Format { get; init; }

    /// <summary>How long the model stays loaded after this request.</summary>
    public Duration? KeepAlive { get; init; }

    /// <summary>Images as raw bytes (base64 on the wire).</summary>
    public IReadOnlyList<byte[]>? Images { get; init; }

    /// <summary>Model options by Ollama name (see <see cref="Options"/>).</summary>
    public Dictionary<string, JsonElement>? Options { get; init; }

    /// <summary>Enable thinking, or a thinking effort level.</summary>
    public ThinkValue? Think { get; init; }

    /// <summary>Truncate the prompt to fit the context (absent = true).</summary>
    public bool? Truncate { get; init; }

    /// <summary>Shift the context when it fills during generation (absent = true).</summary>
    public bool? Shift { get; init; }

    /// <summary>Return the rendered prompt instead of generating.</summary>
    [JsonPropertyName("_debug_render_only")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool DebugRenderOnly { get; init; }

    /// <summary>Return log probabilities of generated tokens.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Logprobs { get; init; }

    /// <summary>Number of alternatives per token (0..20).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int TopLogprobs { get; init; }
}
