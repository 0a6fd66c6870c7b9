using Corral.Server.Endpoints;

namespace Corral.Server.OpenAI;

/// <summary><c>POST /v1/responses</c> (stateless subset) onto the native <c>/api/chat</c> pipeline.</summary>
internal static class ResponsesEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        if (await TranslatedRequest.ReadAsync(context, ResponsesTranslation.ToNative, OpenAIError.WriteAsync) is not var (request, native))
        {
            return;
        }
        var writer = new ResponsesWriter(context, request, native["stream"]!.GetValue<bool>());
        await NativeCall.RunAsync(context, native, ChatEndpoint.HandleAsync, writer.OnLineAsync);
    }
}
