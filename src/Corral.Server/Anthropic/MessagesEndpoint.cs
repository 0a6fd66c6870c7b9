using System.Text.Json.Nodes;
using Corral.Server.Endpoints;
using Corral.Server.Models;
using Corral.Server.OpenAI;

namespace Corral.Server.Anthropic;

/// <summary><c>POST /v1/messages</c> (Anthropic Messages; <c>?beta=true</c> and unknown fields tolerated) onto native <c>/api/chat</c>.</summary>
internal static class MessagesEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        if (await TranslatedRequest.ReadAsync(context, request => MessagesTranslation.ToNative(request), AnthropicError.WriteAsync)
            is not var (request, native))
        {
            return;
        }
        await RelaxThinkingAsync(context, native);
        var writer = new MessagesWriter(context, native["model"]!.GetValue<string>(), native["stream"]!.GetValue<bool>(),
            EstimateTokens(native["messages"]!));
        await NativeCall.RunAsync(context, native, ChatEndpoint.HandleAsync, writer.OnLineAsync);
    }

    // Ollama's relax_thinking: on /v1/messages a model that cannot think ignores "thinking" instead of failing,
    // because Anthropic clients (Claude Code) send it for every model.
    public static async Task RelaxThinkingAsync(HttpContext context, JsonObject native)
    {
        var catalog = context.RequestServices.GetRequiredService<IModelCatalog>();
        var name = native["model"]!.GetValue<string>();
        if (native.ContainsKey("think") && catalog.IsValidName(name)
            && await catalog.FindAsync(name, context.RequestAborted) is { } model && !model.Has("thinking"))
        {
            native.Remove("think");
        }
    }

    // message_start is sent before the prompt is evaluated, so it carries Ollama's estimate: characters / 4.
    private static int EstimateTokens(JsonNode messages) => WireJson.Serialize(messages).Length / 4;
}
