using System.Text;
using System.Text.Json.Nodes;
using Corral.Server.OpenAI;

namespace Corral.Server.Anthropic;

/// <summary>
/// Native <c>/api/chat</c> lines as an Anthropic message, or its event stream in Anthropic's order:
/// <c>message_start</c>, per block <c>content_block_start/delta/stop</c>, <c>message_delta</c>, <c>message_stop</c>
/// (Ollama's <c>anthropic.StreamConverter</c>, reference section 1.13).
/// </summary>
internal sealed class MessagesWriter(HttpContext context, string model, bool stream, int estimatedInputTokens)
{
    private readonly Stream _body = context.Response.Body;
    private readonly SseWriter _sse = new(context.Response, context.Response.Body);
    private readonly string _id = WireIds.Hex("msg_");
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _thinking = new();
    private readonly JsonArray _toolUses = [];
    private string? _openBlock;
    private int _blockIndex = -1;

    public async Task OnLineAsync(NativeLine line)
    {
        if (line.Error is { } error)
        {
            await (_sse.Started ? _sse.WriteAsync(AnthropicError.Body(line.ErrorStatus, error), "error")
                : JsonAnswer.WriteAsync(context.Response, _body, AnthropicError.Body(line.ErrorStatus, error), line.ErrorStatus));
            return;
        }
        var message = line.Body["message"];
        var thinking = NativeOutput.Text(message, "thinking");
        var text = NativeOutput.Text(message, "content");
        var calls = NativeOutput.ToolCalls(line.Body);
        if (!stream)
        {
            _thinking.Append(thinking);
            _text.Append(text);
            foreach (var call in calls)
            {
                _toolUses.Add(ToolUse(call));
            }
            if (NativeOutput.Done(line.Body))
            {
                await JsonAnswer.WriteAsync(context.Response, _body, Message(line.Body));
            }
            return;
        }
        if (!_sse.Started)
        {
            await _sse.WriteAsync(new JsonObject { ["type"] = "message_start", ["message"] = Message(null) }, "message_start");
        }
        if (thinking.Length > 0)
        {
            await DeltaAsync("thinking", new JsonObject { ["type"] = "thinking_delta", ["thinking"] = thinking });
        }
        if (text.Length > 0)
        {
            await DeltaAsync("text", new JsonObject { ["type"] = "text_delta", ["text"] = text });
        }
        foreach (var call in calls)
        {
            var toolUse = ToolUse(call);
            _toolUses.Add(toolUse);
            await CloseBlockAsync();
            var start = (JsonObject)toolUse.DeepClone();
            start["input"] = new JsonObject();
            await StartBlockAsync("tool_use", start);
            // Ollama sends the whole arguments JSON in one input_json_delta; clients concatenate partial_json.
            await DeltaAsync("tool_use", new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = NativeOutput.Arguments(call) });
        }
        if (!NativeOutput.Done(line.Body))
        {
            return;
        }
        await CloseBlockAsync();
        await _sse.WriteAsync(new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = StopReason(line.Body), ["stop_sequence"] = null },
            ["usage"] = Usage(line.Body),
        }, "message_delta");
        await _sse.WriteAsync(new JsonObject { ["type"] = "message_stop" }, "message_stop");
    }

    private async Task DeltaAsync(string blockType, JsonObject delta)
    {
        if (_openBlock != blockType)
        {
            await CloseBlockAsync();
            await StartBlockAsync(blockType, blockType == "thinking"
                ? new JsonObject { ["type"] = "thinking", ["thinking"] = "" }
                : new JsonObject { ["type"] = "text", ["text"] = "" });
        }
        await _sse.WriteAsync(new JsonObject { ["type"] = "content_block_delta", ["index"] = _blockIndex, ["delta"] = delta }, "content_block_delta");
    }

    private async Task StartBlockAsync(string blockType, JsonObject block)
    {
        _openBlock = blockType;
        _blockIndex++;
        await _sse.WriteAsync(new JsonObject { ["type"] = "content_block_start", ["index"] = _blockIndex, ["content_block"] = block }, "content_block_start");
    }

    private async Task CloseBlockAsync()
    {
        if (_openBlock is null)
        {
            return;
        }
        _openBlock = null;
        await _sse.WriteAsync(new JsonObject { ["type"] = "content_block_stop", ["index"] = _blockIndex }, "content_block_stop");
    }

    // The whole message (non-stream, final is set) or the empty shell message_start carries.
    private JsonObject Message(JsonObject? final)
    {
        var content = new JsonArray();
        if (_thinking.Length > 0)
        {
            content.Add(new JsonObject { ["type"] = "thinking", ["thinking"] = _thinking.ToString(), ["signature"] = "" });
        }
        if (_text.Length > 0)
        {
            content.Add(new JsonObject { ["type"] = "text", ["text"] = _text.ToString() });
        }
        if (final is not null)
        {
            foreach (var toolUse in _toolUses)
            {
                content.Add(toolUse?.DeepClone());
            }
        }
        return new JsonObject
        {
            ["id"] = _id,
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = content,
            ["stop_reason"] = final is null ? null : StopReason(final),
            ["stop_sequence"] = null,
            ["usage"] = final is null
                ? new JsonObject { ["input_tokens"] = estimatedInputTokens, ["output_tokens"] = 0 }
                : Usage(final),
        };
    }

    private static JsonObject ToolUse(JsonNode? call) => new()
    {
        ["type"] = "tool_use",
        ["id"] = call?["id"]?.GetValue<string>() ?? WireIds.Hex("toolu_"),
        ["name"] = call?["function"]?["name"]?.GetValue<string>() ?? "",
        ["input"] = call?["function"]?["arguments"]?.DeepClone() ?? new JsonObject(),
    };

    private string StopReason(JsonObject final) =>
        _toolUses.Count > 0 ? "tool_use"
        : final["done_reason"]?.GetValue<string>() switch
        {
            "length" => "max_tokens",
            "stop" or null or "" => "end_turn",
            _ => "stop_sequence",
        };

    private static JsonObject Usage(JsonObject final) =>
        new() { ["input_tokens"] = NativeOutput.PromptTokens(final), ["output_tokens"] = NativeOutput.OutputTokens(final) };
}
