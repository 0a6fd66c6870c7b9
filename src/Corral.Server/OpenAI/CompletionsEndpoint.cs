using Corral.Server.Endpoints;

namespace Corral.Server.OpenAI;

/// <summary><c>POST /v1/completions</c>: translated onto the native <c>/api/generate</c> pipeline.</summary>
internal static class CompletionsEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        if (await TranslatedRequest.ReadAsync(context, request => (Native: CompletionTranslation.ToNative(request),
                IncludeUsage: RequestJson.Bool(request["stream_options"], "include_usage"), Echo: RequestJson.Bool(request, "echo")),
                OpenAIError.WriteAsync) is not var (_, (native, includeUsage, echo)))
        {
            return;
        }
        var writer = new CompletionWriter(context, native["model"]!.GetValue<string>(), native["stream"]!.GetValue<bool>(), includeUsage,
            echo ? native["prompt"]!.GetValue<string>() : null);
        await NativeCall.RunAsync(context, native, GenerateEndpoint.HandleAsync, writer.OnLineAsync);
    }
}
