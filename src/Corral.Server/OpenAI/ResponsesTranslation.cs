using System.Text.Json;
using System.Text.Json.Nodes;

namespace Corral.Server.OpenAI;

/// <summary>
/// A stateless <c>/v1/responses</c> body to an <c>/api/chat</c> body (Ollama's <c>openai.FromResponsesRequest</c>):
/// input text or items, instructions as the system message, function tools, sampling, <c>text.format</c>.
/// <c>previous_response_id</c> and <c>conversation</c> need server-side state and are not supported.
/// </summary>
internal static class ResponsesTranslation
{
    public static JsonObject ToNative(JsonObject request)
    {
        if (RequestJson.String(request, "previous_response_id") is { Length: > 0 })
        {
            throw new TranslationException("previous_response_id is not supported: responses are not stored, send the whole conversation as input");
        }
        var messages = new JsonArray();
        if (RequestJson.String(request, "instructions") is { Length: > 0 } instructions)
        {
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = instructions });
        }
        switch (request["input"])
        {
            case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                messages.Add(new JsonObject { ["role"] = "user", ["content"] = text.GetValue<string>() });
                break;
            case JsonArray items:
                AddItems(messages, items);
                break;
            default:
                throw new TranslationException("input is required: a string or an array of input items");
        }
        var native = new JsonObject
        {
            ["model"] = RequestJson.String(request, "model") ?? "",
            ["messages"] = messages,
            ["stream"] = RequestJson.Bool(request, "stream"),
            ["options"] = SamplingOptions.From(request, RequestJson.Number(request, "max_output_tokens")),
        };
        if (request["tools"] is JsonArray { Count: > 0 } tools)
        {
            native["tools"] = new JsonArray(tools.Select(ToNativeTool).ToArray());
        }
        if (ResponseFormat.ToNative(TextFormat(request["text"]?["format"])) is { } format)
        {
            native["format"] = format;
        }
        if (ReasoningEffort.ToThink(RequestJson.String(request["reasoning"], "effort")) is { } think)
        {
            native["think"] = think;
        }
        return native;
    }

    // Responses puts the schema beside the type ({"type":"json_schema","name","schema"}); chat nests it under json_schema.
    private static JsonNode? TextFormat(JsonNode? format) =>
        RequestJson.String(format, "type") == "json_schema"
            ? new JsonObject { ["type"] = "json_schema", ["json_schema"] = new JsonObject { ["schema"] = format!["schema"]?.DeepClone() } }
            : format;

    private static JsonNode? ToNativeTool(JsonNode? tool)
    {
        if (RequestJson.String(tool, "type") != "function")
        {
            throw new TranslationException($"unsupported tool type: {RequestJson.String(tool, "type")}; only function tools are supported");
        }
        var function = new JsonObject { ["name"] = RequestJson.String(tool, "name") ?? "" };
        if (RequestJson.String(tool, "description") is { } description)
        {
            function["description"] = description;
        }
        function["parameters"] = tool!["parameters"]?.DeepClone() ?? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
        return new JsonObject { ["type"] = "function", ["function"] = function };
    }

    private static void AddItems(JsonArray messages, JsonArray items)
    {
        var toolNames = new Dictionary<string, string>();
        foreach (var item in items)
        {
            switch (RequestJson.String(item, "type") ?? "message")
            {
                case "message":
                    AddMessage(messages, item);
                    break;
                case "function_call":
                    var callId = RequestJson.String(item, "call_id") ?? "";
                    var name = RequestJson.String(item, "name") ?? "";
                    toolNames[callId] = name;
                    AddToolCall(messages, callId, name, RequestJson.String(item, "arguments"));
                    break;
                case "function_call_output":
                    var id = RequestJson.String(item, "call_id") ?? "";
                    var output = new JsonObject { ["role"] = "tool", ["content"] = RequestJson.String(item, "output") ?? "", ["tool_call_id"] = id };
                    if (toolNames.TryGetValue(id, out var toolName))
                    {
                        output["tool_name"] = toolName;
                    }
                    messages.Add(output);
                    break;
                case "reasoning":
                    break;
                case var other:
                    throw new TranslationException($"unsupported input item type: {other}");
            }
        }
    }

    private static void AddMessage(JsonArray messages, JsonNode? item)
    {
        // "developer" is OpenAI's newer name for system instructions.
        var role = RequestJson.String(item, "role") is "developer" ? "system" : RequestJson.String(item, "role") ?? "user";
        switch (item?["content"])
        {
            case JsonValue text when text.GetValueKind() == JsonValueKind.String:
                messages.Add(new JsonObject { ["role"] = role, ["content"] = text.GetValue<string>() });
                break;
            case JsonArray parts:
                foreach (var part in parts)
                {
                    messages.Add(RequestJson.String(part, "type") == "input_image"
                        ? ContentPart.ImageMessage(role, ContentPart.DataUrlBase64(RequestJson.String(part, "image_url") ?? ""))
                        : ContentPart.ToNativeMessage(role, part));
                }
                break;
            default:
                throw new TranslationException("invalid message content type");
        }
    }

    // Consecutive function calls belong to one assistant turn.
    private static void AddToolCall(JsonArray messages, string callId, string name, string? arguments)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(arguments is { Length: > 0 } ? arguments : "{}");
        }
        catch (JsonException)
        {
            throw new TranslationException("invalid tool call arguments");
        }
        if (messages.Count == 0 || messages[^1]?["role"]?.GetValue<string>() != "assistant" || messages[^1]?["tool_calls"] is not JsonArray calls)
        {
            calls = [];
            messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = "", ["tool_calls"] = calls });
        }
        calls.Add(new JsonObject { ["id"] = callId, ["function"] = new JsonObject { ["index"] = calls.Count, ["name"] = name, ["arguments"] = parsed } });
    }
}
