namespace Corral.Templates;

/// <summary>
/// One chat message as the prompt builder needs it (Ollama's api.Message): images are counted, not carried,
/// because templates only see that they exist and the prompt only gets their <c>[img-N]</c> tags.
/// </summary>
public sealed record ChatMessage(string Role, string Content)
{
    public string Thinking { get; init; } = "";

    public IReadOnlyList<ToolCall> ToolCalls { get; init; } = [];

    public string ToolName { get; init; } = "";

    public string ToolCallId { get; init; } = "";

    public int ImageCount { get; init; }
}
