using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary><c>_debug_info</c> returned for <c>_debug_render_only</c> requests.</summary>
public sealed record DebugInfo
{
    public string RenderedTemplate { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int ImageCount { get; init; }
}
