using System.Text;
using System.Text.Json.Nodes;

namespace Corral.Server.OpenAI;

/// <summary>
/// Native <c>/api/chat</c> lines as a Responses API object. Output items (reasoning, message, function_call) are built
/// the same way with or without streaming; when streaming each step is also an event
/// (<c>event: X</c> + <c>data: {"type":X,"sequence_number":n,...}</c>), in the order of Ollama's <c>ResponsesWriter</c>.
/// </summary>
internal sealed class ResponsesWriter(HttpContext context, JsonObject request, bool stream)
{
    private readonly Stream _body = context.Response.Body;
    private readonly SseWriter _sse = new(context.Response, context.Response.Body);
    private readonly string _id = WireIds.Numbered("resp_");
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private readonly JsonArray _output = [];
    private readonly StringBuilder _openText = new();
    private JsonObject? _openItem;
    private int _sequence;

    public async Task OnLineAsync(NativeLine line)
    {
        if (line.Error is { } error)
        {
            if (_sse.Started)
            {
                var failed = Response("failed");
                failed["error"] = new JsonObject { ["code"] = "server_error", ["message"] = error };
                await EmitAsync("response.failed", new JsonObject { ["response"] = failed });
                return;
            }
            await JsonAnswer.WriteAsync(context.Response, _body, OpenAIError.Body(line.ErrorStatus, error), line.ErrorStatus);
            return;
        }
        if (_sequence == 0)
        {
            await EmitAsync("response.created", new JsonObject { ["response"] = Response("in_progress") });
            await EmitAsync("response.in_progress", new JsonObject { ["response"] = Response("in_progress") });
        }
        var message = line.Body["message"];
        if (NativeOutput.Text(message, "thinking") is { Length: > 0 } thinking)
        {
            await AppendAsync("reasoning", thinking);
        }
        if (NativeOutput.Text(message, "content") is { Length: > 0 } text)
        {
            await AppendAsync("message", text);
        }
        foreach (var call in NativeOutput.ToolCalls(line.Body))
        {
            await CloseItemAsync();
            await FunctionCallAsync(call);
        }
        if (!NativeOutput.Done(line.Body))
        {
            return;
        }
        await CloseItemAsync();
        var completed = Response("completed");
        completed["completed_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var input = NativeOutput.PromptTokens(line.Body);
        var output = NativeOutput.OutputTokens(line.Body);
        completed["usage"] = new JsonObject
        {
            ["input_tokens"] = input,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
            ["output_tokens"] = output,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
            ["total_tokens"] = input + output,
        };
        if (stream)
        {
            await EmitAsync("response.completed", new JsonObject { ["response"] = completed });
            return;
        }
        await JsonAnswer.WriteAsync(context.Response, _body, completed);
    }

    private async Task AppendAsync(string itemType, string text)
    {
        if (_openItem?["type"]?.GetValue<string>() != itemType)
        {
            await CloseItemAsync();
            _openItem = itemType == "message"
                ? new JsonObject { ["id"] = WireIds.Hex("msg_"), ["type"] = "message", ["status"] = "in_progress", ["role"] = "assistant", ["content"] = new JsonArray() }
                : new JsonObject { ["id"] = WireIds.Hex("rs_"), ["type"] = "reasoning", ["summary"] = new JsonArray() };
            await EmitAsync("response.output_item.added", Item(_openItem));
            if (itemType == "message")
            {
                await EmitAsync("response.content_part.added", Part(TextPart("")));
            }
        }
        _openText.Append(text);
        await (itemType == "message"
            ? EmitAsync("response.output_text.delta", Part(null, new JsonObject { ["delta"] = text, ["logprobs"] = new JsonArray() }))
            : EmitAsync("response.reasoning_summary_text.delta", Part(null, new JsonObject { ["summary_index"] = 0, ["delta"] = text })));
    }

    private async Task CloseItemAsync()
    {
        if (_openItem is not { } item)
        {
            return;
        }
        var text = _openText.ToString();
        if (item["type"]!.GetValue<string>() == "message")
        {
            await EmitAsync("response.output_text.done", Part(null, new JsonObject { ["text"] = text, ["logprobs"] = new JsonArray() }));
            await EmitAsync("response.content_part.done", Part(TextPart(text)));
            item["status"] = "completed";
            item["content"] = new JsonArray(TextPart(text));
        }
        else
        {
            await EmitAsync("response.reasoning_summary_text.done", Part(null, new JsonObject { ["summary_index"] = 0, ["text"] = text }));
            item["summary"] = new JsonArray(new JsonObject { ["type"] = "summary_text", ["text"] = text });
        }
        _output.Add(item);
        await EmitAsync("response.output_item.done", Item(item, _output.Count - 1));
        _openItem = null;
        _openText.Clear();
    }

    private async Task FunctionCallAsync(JsonNode? call)
    {
        var arguments = NativeOutput.Arguments(call);
        var item = new JsonObject
        {
            ["id"] = WireIds.Hex("fc_"),
            ["type"] = "function_call",
            ["status"] = "in_progress",
            ["call_id"] = call?["id"]?.GetValue<string>() ?? WireIds.Hex("call_"),
            ["name"] = call?["function"]?["name"]?.GetValue<string>() ?? "",
            ["arguments"] = "",
        };
        _openItem = item;
        await EmitAsync("response.output_item.added", Item(item));
        await EmitAsync("response.function_call_arguments.delta", Part(null, new JsonObject { ["delta"] = arguments }, withContentIndex: false));
        await EmitAsync("response.function_call_arguments.done", Part(null, new JsonObject { ["arguments"] = arguments }, withContentIndex: false));
        item["status"] = "completed";
        item["arguments"] = arguments;
        _output.Add(item);
        _openItem = null;
        await EmitAsync("response.output_item.done", Item(item, _output.Count - 1));
    }

    private static JsonObject TextPart(string text) =>
        new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray(), ["logprobs"] = new JsonArray() };

    private JsonObject Item(JsonObject item, int? index = null) =>
        new() { ["output_index"] = index ?? _output.Count, ["item"] = item.DeepClone() };

    private JsonObject Part(JsonObject? part, JsonObject? fields = null, bool withContentIndex = true)
    {
        var payload = new JsonObject { ["item_id"] = _openItem!["id"]!.GetValue<string>(), ["output_index"] = _output.Count };
        if (withContentIndex)
        {
            payload["content_index"] = 0;
        }
        if (part is not null)
        {
            payload["part"] = part;
        }
        foreach (var (name, value) in fields ?? [])
        {
            payload[name] = value?.DeepClone();
        }
        return payload;
    }

    private async Task EmitAsync(string type, JsonObject payload)
    {
        if (!stream)
        {
            return;
        }
        payload.Insert(0, "type", type);
        payload.Insert(1, "sequence_number", _sequence++);
        await _sse.WriteAsync(payload, type);
    }

    // The response object echoes the request's parameters, as OpenAI does (SDKs read them back).
    private JsonObject Response(string status) => new()
    {
        ["id"] = _id,
        ["object"] = "response",
        ["created_at"] = _created,
        ["status"] = status,
        ["error"] = null,
        ["incomplete_details"] = null,
        ["instructions"] = request["instructions"]?.DeepClone(),
        ["max_output_tokens"] = request["max_output_tokens"]?.DeepClone(),
        ["model"] = request["model"]?.DeepClone(),
        ["output"] = _output.DeepClone(),
        ["parallel_tool_calls"] = true,
        ["previous_response_id"] = null,
        ["reasoning"] = request["reasoning"]?.DeepClone() ?? new JsonObject { ["effort"] = null, ["summary"] = null },
        ["store"] = false,
        ["temperature"] = request["temperature"]?.DeepClone() ?? 1.0,
        ["text"] = request["text"]?.DeepClone() ?? new JsonObject { ["format"] = new JsonObject { ["type"] = "text" } },
        ["tool_choice"] = request["tool_choice"]?.DeepClone() ?? "auto",
        ["tools"] = request["tools"]?.DeepClone() ?? new JsonArray(),
        ["top_p"] = request["top_p"]?.DeepClone() ?? 1.0,
        ["truncation"] = "disabled",
        ["usage"] = null,
        ["metadata"] = new JsonObject(),
    };
}
