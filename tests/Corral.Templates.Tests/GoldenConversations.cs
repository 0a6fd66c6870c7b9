using System.Text.Json;

namespace Corral.Templates.Tests;

/// <summary>The conversations every named template is rendered for (the same ones Ollama's template testdata uses).</summary>
internal static class GoldenConversations
{
    private static readonly ChatMessage s_user = new("user", "Hello, how are you?");
    private static readonly ChatMessage s_assistant = new("assistant", "I'm doing great. How can I help you today?");
    private static readonly ChatMessage s_user2 = new("user", "I'd like to show off how chat templating works!");
    private static readonly ChatMessage s_system = new("system", "You are a helpful assistant.");

    private static readonly JsonElement s_tools = JsonDocument.Parse("""
        [{"type":"function","function":{"name":"get_weather","description":"Get the current weather","parameters":{"type":"object","required":["city"],"properties":{"city":{"type":"string","description":"The city"},"unit":{"type":"string","enum":["celsius","fahrenheit"]}}}}}]
        """).RootElement;

    private static readonly ChatMessage s_weatherQuestion = new("user", "What is the weather in Paris?");

    private static readonly ChatMessage s_toolCall = new("assistant", "")
    {
        ToolCalls = [new ToolCall("get_weather", JsonDocument.Parse("""{"city":"Paris","unit":"celsius"}""").RootElement)],
    };

    /// <summary>Conversation name → input; every template gets these.</summary>
    public static IReadOnlyDictionary<string, PromptInput> Basic { get; } = new Dictionary<string, PromptInput>
    {
        ["user"] = new() { Messages = [s_user] },
        ["user-assistant-user"] = new() { Messages = [s_user, s_assistant, s_user2] },
        ["system-user-assistant-user"] = new() { Messages = [s_system, s_user, s_assistant, s_user2] },
    };

    /// <summary>For templates that render tools: the tool offer, the model's call, and the tool's result.</summary>
    public static IReadOnlyDictionary<string, PromptInput> Tools { get; } = new Dictionary<string, PromptInput>
    {
        ["tools-single"] = new() { Tools = s_tools, Messages = [s_system, s_weatherQuestion] },
        ["tools-single-call"] = new() { Tools = s_tools, Messages = [s_weatherQuestion, s_toolCall] },
        ["tools-single-result"] = new()
        {
            Tools = s_tools,
            Messages = [s_weatherQuestion, s_toolCall, new ChatMessage("tool", "18 degrees and sunny") { ToolName = "get_weather" }],
        },
    };

    /// <summary>For templates with thinking tags: think on with earlier reasoning, think explicitly off.</summary>
    public static IReadOnlyDictionary<string, PromptInput> Thinking { get; } = new Dictionary<string, PromptInput>
    {
        ["think-on"] = new()
        {
            Think = true,
            ThinkLevel = "medium",
            IsThinkSet = true,
            Messages = [s_user, s_assistant with { Thinking = "The user greets me." }, s_user2],
        },
        ["think-on-after-user"] = new()
        {
            Think = true,
            ThinkLevel = "medium",
            IsThinkSet = true,
            Messages = [s_user, s_assistant with { Thinking = "The user greets me." }],
        },
        ["think-off"] = new() { Think = false, IsThinkSet = true, Messages = [s_user] },
    };
}
