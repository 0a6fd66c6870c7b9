using Corral.Server.Endpoints;

namespace Corral.Server.OpenAI;

/// <summary><c>POST /v1/chat/completions</c>: translated onto the native <c>/api/chat</c> pipeline.</summary>
internal static class ChatCompletionsEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        if (await TranslatedRequest.ReadAsync(context, request => (Native: ChatTranslation.ToNative(request),
                IncludeUsage: RequestJson.Bool(request["stream_options"], "include_usage")), OpenAIError.WriteAsync) is not var (_, (native, includeUsage)))
        {
            return;
        }
        var writer = new ChatCompletionWriter(context, native["model"]!.GetValue<string>(), native["stream"]!.GetValue<bool>(), includeUsage);
        await NativeCall.RunAsync(context, native, ChatEndpoint.HandleAsync, writer.OnLineAsync);
    }
}
