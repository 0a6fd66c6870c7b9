using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Corral.Server.OpenAI;

namespace Corral.Server.Anthropic;

/// <summary>
/// An Anthropic Messages body to an <c>/api/chat</c> body (Ollama's <c>anthropic.FromMessagesRequest</c>, reference
/// section 1.13). <c>system</c> may be top-level and also a role inside <c>messages</c> (Claude Code sends both, ollama#16372).
/// </summary>
internal static class MessagesTranslation
{
    public static JsonObject ToNative(JsonObject request, bool forCounting = false)
    {
        var model = RequestJson.String(request, "model");
        if (string.IsNullOrWhiteSpace(model))
        {
            throw new TranslationException("model is required");
        }
        var maxTokens = RequestJson.Number(request, "max_tokens");
        if (!forCounting && (maxTokens is null || maxTokens.GetValue<double>() <= 0))
        {
            throw new TranslationException("max_tokens is required and must be positive");
        }
        if (request["messages"] is not JsonArray { Count: > 0 } messages)
        {
            throw new TranslationException("messages is required");
        }
        var native = new JsonArray();
        if (request["system"] is { } system)
        {
            native.Add(new JsonObject { ["role"] = "system", ["content"] = SystemText(system) });
        }
        foreach (var message in messages)
        {
            AddMessage(native, message);
        }
        var options = new JsonObject();
        foreach (var (field, option) in new[] { ("temperature", "temperature"), ("top_p", "top_p"), ("top_k", "top_k"), ("max_tokens", "num_predict") })
        {
            if (RequestJson.Number(request, field) is { } value)
            {
                options[option] = value;
            }
        }
        if (request["stop_sequences"] is JsonArray stops)
        {
            options["stop"] = stops.DeepClone();
        }
        var result = new JsonObject
        {
            ["model"] = model,
            ["messages"] = native,
            ["stream"] = RequestJson.Bool(request, "stream"),
            ["options"] = options,
        };
        if (request["tools"] is JsonArray { Count: > 0 } tools && Tools(tools) is { Count: > 0 } nativeTools)
        {
            result["tools"] = nativeTools;
        }
        if (Think(request) is { } think)
        {
            result["think"] = think;
        }
        return result;
    }

    private static string SystemText(JsonNode system) => system switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonArray blocks => string.Join("\n", blocks.Select(block => RequestJson.String(block, "text") ?? "")),
        _ => throw new TranslationException("system must be a string or an array of text blocks"),
    };

    private static void AddMessage(JsonArray native, JsonNode? message)
    {
        var role = RequestJson.String(message, "role") ?? "";
        var content = message?["content"];
        if (content is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            native.Add(new JsonObject { ["role"] = role, ["content"] = value.GetValue<string>() });
            return;
        }
        if (content is not JsonArray blocks)
        {
            throw new TranslationException("message content must be a string or an array of content blocks");
        }
        var text = new StringBuilder();
        var thinking = new StringBuilder();
        var images = new JsonArray();
        var toolCalls = new JsonArray();
        foreach (var block in blocks)
        {
            switch (RequestJson.String(block, "type"))
            {
                case "text":
                    text.Append(RequestJson.String(block, "text"));
                    break;
                case "image":
                    images.Add(ImageBase64(block));
                    break;
                case "thinking":
                    thinking.Append(RequestJson.String(block, "thinking"));
                    break;
                case "redacted_thinking":
                    break;
                case "tool_use":
                    toolCalls.Add(ToolCall(block, toolCalls.Count));
                    break;
                case "tool_result":
                    // Tool results become their own tool messages, placed before the user's text (as Ollama does).
                    native.Add(ToolResult(block));
                    break;
                case var other:
                    throw new TranslationException($"unsupported content block type: {other}");
            }
        }
        if (text.Length == 0 && thinking.Length == 0 && images.Count == 0 && toolCalls.Count == 0)
        {
            return;
        }
        var result = new JsonObject { ["role"] = role, ["content"] = text.ToString() };
        if (thinking.Length > 0)
        {
            result["thinking"] = thinking.ToString();
        }
        if (images.Count > 0)
        {
            result["images"] = images;
        }
        if (toolCalls.Count > 0)
        {
            result["tool_calls"] = toolCalls;
        }
        native.Add(result);
    }

    private static string ImageBase64(JsonNode? block)
    {
        var source = block?["source"];
        var type = RequestJson.String(source, "type");
        return type == "base64"
            ? RequestJson.String(source, "data") ?? ""
            : throw new TranslationException($"invalid image source type: {type}. Only base64 images are supported.");
    }

    private static JsonObject ToolCall(JsonNode? block, int index)
    {
        var id = RequestJson.String(block, "id") ?? throw new TranslationException("tool_use block missing required 'id' field");
        var name = RequestJson.String(block, "name") ?? throw new TranslationException("tool_use block missing required 'name' field");
        return new JsonObject
        {
            ["id"] = id,
            ["function"] = new JsonObject { ["index"] = index, ["name"] = name, ["arguments"] = block!["input"]?.DeepClone() ?? new JsonObject() },
        };
    }

    private static JsonObject ToolResult(JsonNode? block)
    {
        var result = new JsonObject { ["role"] = "tool", ["content"] = "" };
        if (RequestJson.String(block, "tool_use_id") is { } id)
        {
            result["tool_call_id"] = id;
        }
        switch (block?["content"])
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                result["content"] = value.GetValue<string>();
                break;
            case JsonArray parts:
                result["content"] = string.Concat(parts.Where(part => RequestJson.String(part, "type") == "text").Select(part => RequestJson.String(part, "text")));
                var images = new JsonArray(parts.Where(part => RequestJson.String(part, "type") == "image").Select(part => (JsonNode?)ImageBase64(part)).ToArray());
                if (images.Count > 0)
                {
                    result["images"] = images;
                }
                break;
        }
        return result;
    }

    // Custom tools ({name, description, input_schema}) become functions. Anthropic's server tools (web_search, bash...)
    // carry a versioned "type" and run on Anthropic's side; Corral has no server-side tools, so they are left out.
    private static JsonArray Tools(JsonArray tools)
    {
        var native = new JsonArray();
        foreach (var tool in tools)
        {
            if (RequestJson.String(tool, "type") is { } type && type != "custom")
            {
                continue;
            }
            var function = new JsonObject { ["name"] = RequestJson.String(tool, "name") ?? "" };
            if (RequestJson.String(tool, "description") is { } description)
            {
                function["description"] = description;
            }
            function["parameters"] = tool!["input_schema"]?.DeepClone() ?? new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
            native.Add(new JsonObject { ["type"] = "function", ["function"] = function });
        }
        return native;
    }

    private static JsonNode? Think(JsonObject request)
    {
        switch (RequestJson.String(request["thinking"], "type"))
        {
            case "enabled" or "adaptive":
                return true;
            case "disabled":
                return false;
        }
        return RequestJson.String(request["output_config"], "effort") switch
        {
            null or "" => null,
            "xhigh" => "high",
            var effort when effort is "low" or "medium" or "high" or "max" => effort,
            var other => throw new TranslationException($"invalid effort value: \"{other}\" (must be \"low\", \"medium\", \"high\", \"xhigh\", or \"max\")"),
        };
    }
}
