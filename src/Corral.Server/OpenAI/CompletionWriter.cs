using System.Text;
using System.Text.Json.Nodes;

namespace Corral.Server.OpenAI;

/// <summary>
/// Native <c>/api/generate</c> lines as OpenAI <c>text_completion</c> objects or SSE chunks (Ollama's
/// <c>CompleteWriter</c>). <c>echo</c> puts the prompt in front of the text, as OpenAI does.
/// </summary>
internal sealed class CompletionWriter(HttpContext context, string model, bool stream, bool includeUsage, string? echo)
{
    private readonly Stream _body = context.Response.Body;
    private readonly SseWriter _sse = new(context.Response, context.Response.Body);
    private readonly string _id = WireIds.Numbered("cmpl-");
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private readonly StringBuilder _text = new(echo);
    private bool _echoed;

    public async Task OnLineAsync(NativeLine line)
    {
        if (line.Error is { } error)
        {
            await OpenAIError.AnswerAsync(context.Response, _body, _sse, line.ErrorStatus, error);
            return;
        }
        var done = NativeOutput.Done(line.Body);
        var text = NativeOutput.Text(line.Body, "response");
        if (!stream)
        {
            _text.Append(text);
            if (done)
            {
                await JsonAnswer.WriteAsync(context.Response, _body, Completion(_text.ToString(), FinishReason(line.Body), NativeOutput.OpenAIUsage(line.Body)));
            }
            return;
        }
        if (!_echoed && echo is not null)
        {
            text = echo + text;
            _echoed = true;
        }
        // Ollama: with include_usage every chunk carries a (zero) usage and a last choices-less chunk the real one.
        var zero = includeUsage ? NativeOutput.OpenAIUsage(new JsonObject()) : null;
        if (text.Length > 0 || !done)
        {
            await _sse.WriteAsync(Completion(text, null, zero));
        }
        if (!done)
        {
            return;
        }
        await _sse.WriteAsync(Completion("", FinishReason(line.Body), zero));
        if (includeUsage)
        {
            var usage = Header();
            usage["choices"] = new JsonArray();
            usage["usage"] = NativeOutput.OpenAIUsage(line.Body);
            await _sse.WriteAsync(usage);
        }
        await _sse.WriteDoneAsync();
    }

    private static string FinishReason(JsonObject final) => NativeOutput.FinishReason(final, sawToolCalls: false);

    private JsonObject Completion(string text, string? finishReason, JsonObject? usage)
    {
        var completion = Header();
        completion["choices"] = new JsonArray(new JsonObject { ["text"] = text, ["index"] = 0, ["logprobs"] = null, ["finish_reason"] = finishReason });
        if (usage is not null)
        {
            completion["usage"] = usage;
        }
        return completion;
    }

    private JsonObject Header() => new()
    {
        ["id"] = _id,
        ["object"] = "text_completion",
        ["created"] = _created,
        ["model"] = model,
        ["system_fingerprint"] = "fp_ollama",
    };
}
