using System.Text;
using System.Text.Json.Nodes;

namespace Corral.Server.OpenAI;

/// <summary>
/// Native <c>/api/chat</c> lines as OpenAI chat completions: one object, or <c>chat.completion.chunk</c> SSE frames
/// with a pinned id and <c>created</c>, a finish chunk, an optional usage chunk and <c>data: [DONE]</c>
/// (Ollama's <c>ChatWriter</c>, reference section 1.12).
/// </summary>
internal sealed class ChatCompletionWriter(HttpContext context, string model, bool stream, bool includeUsage)
{
    private readonly Stream _body = context.Response.Body;
    private readonly SseWriter _sse = new(context.Response, context.Response.Body);
    private readonly string _id = WireIds.Numbered("chatcmpl-");
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private readonly StringBuilder _content = new();
    private readonly StringBuilder _reasoning = new();
    private readonly JsonArray _toolCalls = [];
    private readonly JsonArray _logprobs = [];
    private bool _sentRole;

    public async Task OnLineAsync(NativeLine line)
    {
        if (line.Error is { } error)
        {
            await OpenAIError.AnswerAsync(context.Response, _body, _sse, line.ErrorStatus, error);
            return;
        }
        var message = line.Body["message"];
        var content = NativeOutput.Text(message, "content");
        var reasoning = NativeOutput.Text(message, "thinking");
        var calls = NativeOutput.ToolCalls(line.Body);
        var logprobs = NativeOutput.Logprobs(line.Body);
        if (!stream)
        {
            Collect(content, reasoning, calls, logprobs);
            if (NativeOutput.Done(line.Body))
            {
                await JsonAnswer.WriteAsync(context.Response, _body, Completion(line.Body));
            }
            return;
        }
        await StreamAsync(line.Body, content, reasoning, calls, logprobs);
    }

    private async Task StreamAsync(JsonObject line, string content, string reasoning, JsonArray calls, JsonArray? logprobs)
    {
        // A chunk with both reasoning and content/tool calls goes out as a reasoning-only chunk first, as Ollama does.
        if (reasoning.Length > 0)
        {
            await _sse.WriteAsync(Chunk(Delta(new JsonObject { ["content"] = "", ["reasoning"] = reasoning }), null, null));
        }
        if (content.Length > 0 || calls.Count > 0 || (logprobs is { Count: > 0 }))
        {
            var delta = Delta(new JsonObject { ["content"] = content });
            if (calls.Count > 0)
            {
                delta["tool_calls"] = new JsonArray(calls.Select((call, i) => (JsonNode?)NativeOutput.ToOpenAIToolCall(call, _toolCalls.Count + i)).ToArray());
                foreach (var call in calls)
                {
                    _toolCalls.Add(call?.DeepClone());
                }
            }
            await _sse.WriteAsync(Chunk(delta, null, logprobs));
        }
        if (!NativeOutput.Done(line))
        {
            return;
        }
        await _sse.WriteAsync(Chunk(new JsonObject(), NativeOutput.FinishReason(line, _toolCalls.Count > 0), null));
        if (includeUsage)
        {
            var usage = Header("chat.completion.chunk");
            usage["choices"] = new JsonArray();
            usage["usage"] = NativeOutput.OpenAIUsage(line);
            await _sse.WriteAsync(usage);
        }
        await _sse.WriteDoneAsync();
    }

    private void Collect(string content, string reasoning, JsonArray calls, JsonArray? logprobs)
    {
        _content.Append(content);
        _reasoning.Append(reasoning);
        foreach (var call in calls)
        {
            _toolCalls.Add(call?.DeepClone());
        }
        foreach (var logprob in logprobs ?? [])
        {
            _logprobs.Add(logprob?.DeepClone());
        }
    }

    private JsonObject Completion(JsonObject final)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = _content.ToString() };
        if (_reasoning.Length > 0)
        {
            message["reasoning"] = _reasoning.ToString();
        }
        if (_toolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray(_toolCalls.Select((call, index) => (JsonNode?)NativeOutput.ToOpenAIToolCall(call, index)).ToArray());
        }
        var choice = new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = NativeOutput.FinishReason(final, _toolCalls.Count > 0) };
        if (_logprobs.Count > 0)
        {
            choice["logprobs"] = new JsonObject { ["content"] = _logprobs.DeepClone() };
        }
        var completion = Header("chat.completion");
        completion["choices"] = new JsonArray(choice);
        completion["usage"] = NativeOutput.OpenAIUsage(final);
        return completion;
    }

    private JsonObject Delta(JsonObject delta)
    {
        if (!_sentRole)
        {
            // The first delta names the role (OpenAI's stream contract; SDKs read it from there).
            delta.Insert(0, "role", "assistant");
            _sentRole = true;
        }
        return delta;
    }

    private JsonObject Chunk(JsonObject delta, string? finishReason, JsonArray? logprobs)
    {
        var choice = new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason };
        if (logprobs is { Count: > 0 })
        {
            choice["logprobs"] = new JsonObject { ["content"] = logprobs };
        }
        var chunk = Header("chat.completion.chunk");
        chunk["choices"] = new JsonArray(choice);
        return chunk;
    }

    private JsonObject Header(string objectType) => new()
    {
        ["id"] = _id,
        ["object"] = objectType,
        ["created"] = _created,
        ["model"] = model,
        ["system_fingerprint"] = "fp_ollama",
    };
}
