using System.Text.Json;

namespace Corral.Contracts.Ollama;

/// <summary>A tool the model may call (Go <c>api.Tool</c>).</summary>
public sealed record Tool
{
    public string Type { get; set; } = "function";

    /// <summary>Optional JSON passed through to templates.</summary>
    public JsonElement? Items { get; init; }

    public ToolFunction Function { get; set; } = new();
}
