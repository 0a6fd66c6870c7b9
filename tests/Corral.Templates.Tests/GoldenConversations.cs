using System.Text.Json;

namespace Corral.Templates.Tests;

/// <summary>
/// The conversations every named template is rendered for, stored as Ollama <c>/api/chat</c> request bodies in
/// testdata/conversations so an end-to-end test can post the same file and expect the same golden prompt.
/// "tools-*" conversations apply to templates that render tools, "think-*" to templates with thinking tags.
/// </summary>
internal static class GoldenConversations
{
    public static IReadOnlyDictionary<string, PromptInput> All { get; } = Directory
        .GetFiles(Path.Combine(AppContext.BaseDirectory, "testdata", "conversations"), "*.json")
        .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => Load(File.ReadAllText(f)));

    public static IEnumerable<string> For(PromptTemplate template) => All.Keys
        .Where(name => !name.StartsWith("tools-", StringComparison.Ordinal) || template.UsesTools)
        .Where(name => !name.StartsWith("think-", StringComparison.Ordinal) || template.SupportsThinking)
        .Order(StringComparer.Ordinal);

    private static PromptInput Load(string json)
    {
        var request = JsonDocument.Parse(json).RootElement;
        var think = request.TryGetProperty("think", out var value) ? value : (JsonElement?)null;
        if (!ThinkOption.TryParse(think, out var option, out var error))
        {
            throw new InvalidDataException(error);
        }

        var input = new PromptInput
        {
            Messages = request.GetProperty("messages").EnumerateArray().Select(Message).ToList(),
            Tools = request.TryGetProperty("tools", out var tools) ? tools.Clone() : null,
        };
        return option.ApplyTo(input);
    }

    private static ChatMessage Message(JsonElement message) =>
        new(message.GetProperty("role").GetString()!, message.GetProperty("content").GetString()!)
        {
            Thinking = message.TryGetProperty("thinking", out var thinking) ? thinking.GetString()! : "",
            ToolName = message.TryGetProperty("tool_name", out var toolName) ? toolName.GetString()! : "",
            ToolCalls = message.TryGetProperty("tool_calls", out var calls)
                ? calls.EnumerateArray().Select((c, i) => new ToolCall(
                    c.GetProperty("function").GetProperty("name").GetString()!,
                    c.GetProperty("function").GetProperty("arguments").Clone()) { Index = i }).ToList()
                : [],
        };
}
