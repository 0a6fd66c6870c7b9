using System.Text.Json;
using System.Text.Json.Nodes;
using Corral.Contracts;
using Corral.Contracts.Ollama;
using Corral.Templates;

namespace Corral.Server.Wiring;

/// <summary>Converts between the wire records and the template engine's values (messages, tools, tool calls).</summary>
internal static class TemplateMapping
{
    private static readonly JsonElement _emptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    public static ChatMessage ToChatMessage(Message message) => new(message.Role, message.Content)
    {
        Thinking = message.Thinking ?? "",
        ToolCalls = message.ToolCalls?.Select(ToTemplateCall).ToList() ?? [],
        ToolName = message.ToolName ?? "",
        ToolCallId = message.ToolCallId ?? "",
        ImageCount = message.Images?.Count ?? 0,
    };

    /// <summary>The request's tools as the JSON array templates range over (null when there are none).</summary>
    public static JsonElement? ToToolsJson(IReadOnlyList<Tool>? tools)
    {
        if (tools is not { Count: > 0 })
        {
            return null;
        }
        return JsonSerializer.SerializeToElement(tools, CorralJsonContext.Wire.IReadOnlyListTool);
    }

    public static Contracts.Ollama.ToolCall ToWireCall(Templates.ToolCall call) => new()
    {
        Id = call.Id.Length > 0 ? call.Id : null,
        Function = new ToolCallFunction
        {
            Index = call.Index,
            Name = call.Name,
            Arguments = JsonObject.Create(call.Arguments) ?? [],
        },
    };

    private static Templates.ToolCall ToTemplateCall(Contracts.Ollama.ToolCall call)
    {
        using var document = JsonDocument.Parse(call.Function.Arguments.ToJsonString());
        var arguments = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : _emptyObject;
        return new Templates.ToolCall(call.Function.Name, arguments) { Id = call.Id ?? "", Index = call.Function.Index };
    }
}
