using Corral.Templates.GoTemplate;

namespace Corral.Templates.Values;

/// <summary>
/// What <c>{{ range .Messages }}</c> sees: the fields of Ollama's api.Message, Go names, zero values not null.
/// <c>json</c> gives the wire form; image bytes are not carried here, so images are left out of it.
/// </summary>
internal sealed record MessageValue(
    string Role,
    string Content,
    string Thinking,
    IReadOnlyList<object?> Images,
    IReadOnlyList<ToolCallValue> ToolCalls,
    string ToolName,
    string ToolCallID) : IGoJsonMarshaler
{
    public static MessageValue From(ChatMessage message) => new(
        message.Role,
        message.Content,
        message.Thinking,
        Enumerable.Range(0, message.ImageCount).Select(i => (object?)$"[img-{i}]").ToList(),
        message.ToolCalls.Select(ToolCallValue.From).ToList(),
        message.ToolName,
        message.ToolCallId);

    public string MarshalJson() => new GoJsonObject()
        .Add("role", Role)
        .Add("content", Content)
        .AddIfPresent("thinking", Thinking)
        .AddIfPresent("tool_calls", ToolCalls)
        .AddIfPresent("tool_name", ToolName)
        .AddIfPresent("tool_call_id", ToolCallID)
        .ToString();
}
