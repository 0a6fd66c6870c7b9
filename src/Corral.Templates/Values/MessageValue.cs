namespace Corral.Templates.Values;

/// <summary>What <c>{{ range .Messages }}</c> sees: the fields of Ollama's api.Message, Go names, zero values not null.</summary>
internal sealed record MessageValue(
    string Role,
    string Content,
    string Thinking,
    IReadOnlyList<object?> Images,
    IReadOnlyList<ToolCallValue> ToolCalls,
    string ToolName,
    string ToolCallID)
{
    public static MessageValue From(ChatMessage message) => new(
        message.Role,
        message.Content,
        message.Thinking,
        Enumerable.Range(0, message.ImageCount).Select(i => (object?)$"[img-{i}]").ToList(),
        message.ToolCalls.Select(ToolCallValue.From).ToList(),
        message.ToolName,
        message.ToolCallId);
}
