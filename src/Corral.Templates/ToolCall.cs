using System.Text.Json;

namespace Corral.Templates;

/// <summary>A tool call (Ollama's api.ToolCall): Arguments is the ordered JSON object the model produced.</summary>
public sealed record ToolCall(string Name, JsonElement Arguments)
{
    public string Id { get; init; } = "";

    public int Index { get; init; }
}
