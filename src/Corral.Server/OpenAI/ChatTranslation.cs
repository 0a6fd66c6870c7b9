using System.Text.Json;
using System.Text.Json.Nodes;

namespace Corral.Server.OpenAI;

/// <summary>
/// <c>/v1/chat/completions</c> body to an <c>/api/chat</c> body, field by field as Ollama's <c>openai.FromChatRequest</c>
/// (reference section 1.12).
/// </summary>
internal static class ChatTranslation
{
    public static JsonObject ToNative(JsonObject request)
    {
        if (request["messages"] is not JsonArray { Count: > 0 } messages)
        {
            throw new TranslationException("[] is too short - 'messages'");
        }
        var native = new JsonObject
        {
            ["model"] = RequestJson.String(request, "model") ?? "",
            ["messages"] = ToNativeMessages(messages),
            ["stream"] = RequestJson.Bool(request, "stream"),
            ["options"] = SamplingOptions.From(request, RequestJson.Number(request, "max_completion_tokens") ?? RequestJson.Number(request, "max_tokens")),
        };
        // Ollama ignores tool_choice; the real API's "none" means the model must not call tools, so they are not offered.
        if (request["tools"] is JsonArray { Count: > 0 } tools && request["tool_choice"]?.ToJsonString() != "\"none\"")
        {
            native["tools"] = tools.DeepClone();
        }
        if (ResponseFormat.ToNative(request["response_format"]) is { } format)
        {
            native["format"] = format;
        }
        var effort = RequestJson.String(request, "reasoning_effort") ?? RequestJson.String(request["reasoning"], "effort");
        if (ReasoningEffort.ToThink(effort) is { } think)
        {
            native["think"] = think;
        }
        if (RequestJson.Bool(request, "logprobs"))
        {
            native["logprobs"] = true;
            native["top_logprobs"] = RequestJson.Number(request, "top_logprobs") ?? 0;
        }
        return native;
    }

    private static JsonArray ToNativeMessages(JsonArray messages)
    {
        var native = new JsonArray();
        var toolNames = new Dictionary<string, string>();
        foreach (var message in messages)
        {
            var role = RequestJson.String(message, "role") ?? "";
            var toolCalls = message?["tool_calls"] is JsonArray { Count: > 0 } calls ? ToNativeToolCalls(calls, toolNames) : null;
            var reasoning = RequestJson.String(message, "reasoning") ?? RequestJson.String(message, "reasoning_content");
            switch (message?["content"])
            {
                case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                    native.Add(NativeMessage(role, text.GetValue<string>(), toolCalls, reasoning, message, toolNames));
                    break;
                case JsonArray parts:
                    foreach (var part in parts)
                    {
                        native.Add(ContentPart.ToNativeMessage(role, part));
                    }
                    if (toolCalls is not null || reasoning is not null)
                    {
                        native.Add(NativeMessage(role, "", toolCalls, reasoning, message, toolNames));
                    }
                    break;
                case null when toolCalls is not null:
                    native.Add(NativeMessage(role, "", toolCalls, reasoning, message, toolNames));
                    break;
                case var other:
                    throw new TranslationException($"invalid message content type: {(other is null ? "<nil>" : other.GetValueKind().ToString().ToLowerInvariant())}");
            }
        }
        return native;
    }

    private static JsonObject NativeMessage(string role, string content, JsonArray? toolCalls, string? reasoning, JsonNode? message,
        Dictionary<string, string> toolNames)
    {
        var native = new JsonObject { ["role"] = role, ["content"] = content };
        if (reasoning is not null)
        {
            native["thinking"] = reasoning;
        }
        if (toolCalls is not null)
        {
            native["tool_calls"] = toolCalls;
        }
        if (role == "tool")
        {
            var callId = RequestJson.String(message, "tool_call_id");
            var name = RequestJson.String(message, "name") ?? (callId is null ? null : toolNames.GetValueOrDefault(callId));
            if (name is not null)
            {
                native["tool_name"] = name;
            }
            if (callId is not null)
            {
                native["tool_call_id"] = callId;
            }
        }
        return native;
    }

    // OpenAI sends arguments as a JSON string; Ollama's tool calls carry an object.
    private static JsonArray ToNativeToolCalls(JsonArray calls, Dictionary<string, string> toolNames)
    {
        var native = new JsonArray();
        for (var i = 0; i < calls.Count; i++)
        {
            var function = calls[i]?["function"];
            var name = RequestJson.String(function, "name") ?? "";
            JsonNode? arguments;
            try
            {
                arguments = JsonNode.Parse(RequestJson.String(function, "arguments") is { Length: > 0 } text ? text : "{}");
            }
            catch (JsonException)
            {
                throw new TranslationException("invalid tool call arguments");
            }
            var call = new JsonObject { ["function"] = new JsonObject { ["index"] = i, ["name"] = name, ["arguments"] = arguments } };
            if (RequestJson.String(calls[i], "id") is { } id)
            {
                call["id"] = id;
                toolNames[id] = name;
            }
            native.Add(call);
        }
        return native;
    }
}
