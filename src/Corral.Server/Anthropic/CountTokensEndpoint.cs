using System.Text.Json.Nodes;
using Corral.Contracts.Runner;
using Corral.Server.Endpoints;
using Corral.Server.OpenAI;

namespace Corral.Server.Anthropic;

/// <summary>
/// <c>POST /v1/messages/count_tokens</c> (a Corral extra: Ollama lacks it and Claude Code calls it). The request is
/// rendered by the native chat pipeline (<c>_debug_render_only</c>, so template, tools and system handling are the
/// real ones) and the prompt is tokenized by the model's own vocabulary.
/// </summary>
internal static class CountTokensEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        if (await TranslatedRequest.ReadAsync(context, request => MessagesTranslation.ToNative(request, forCounting: true), AnthropicError.WriteAsync)
            is not var (_, native))
        {
            return;
        }
        native["_debug_render_only"] = true;
        native["stream"] = false;
        await MessagesEndpoint.RelaxThinkingAsync(context, native);
        string? prompt = null;
        (int Status, string Message)? failure = null;
        // The native answer goes to a capture stream: an error is written once the real body is back.
        await NativeCall.RunAsync(context, native, ChatEndpoint.HandleAsync, line =>
        {
            if (line.Error is { } error)
            {
                failure = (line.ErrorStatus, error);
            }
            else
            {
                prompt = line.Body["_debug_info"]?["rendered_template"]?.GetValue<string>() ?? "";
            }
            return Task.CompletedTask;
        });
        if (failure is { } answered)
        {
            await AnthropicError.WriteAsync(context, answered.Status, answered.Message);
            return;
        }
        if (prompt is null)
        {
            return;
        }
        var services = RequestServices.From(context);
        var model = (await services.Catalog.FindAsync(ModelReference.Resolve(native["model"]!.GetValue<string>()).Name!, context.RequestAborted))!;
        var (options, _) = InferenceSetup.MergeOptions(services.Config, model, null);
        var (lease, scheduleError) = await services.Scheduler.AcquireAsync(model, options!, null, context.RequestAborted);
        if (lease is null)
        {
            await AnthropicError.WriteAsync(context, scheduleError!.Status, scheduleError.Message);
            return;
        }
        await using (lease)
        {
            var tokens = await lease.Runner.TokenizeAsync(new TokenizeRequest(prompt, AddSpecial: true), context.RequestAborted);
            await JsonAnswer.WriteAsync(context.Response, context.Response.Body, new JsonObject { ["input_tokens"] = tokens.Tokens.Count });
        }
    }
}
