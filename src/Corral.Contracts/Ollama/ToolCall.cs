namespace Corral.Contracts.Ollama;

/// <summary>A tool call made by the model (Go <c>api.ToolCall</c>).</summary>
public sealed record ToolCall
{
    /// <summary><c>call_</c> + 8 characters; omitted when empty.</summary>
    public string? Id { get; init; }

    public ToolCallFunction Function { get; set; } = new();
}
