using Corral.Server.Http;
using Corral.Store;

namespace Corral.Server.Hosting;

/// <summary>
/// The last line of defence for exceptions no endpoint expected (a blob deleted or replaced under the store):
/// instead of Kestrel's empty 500, an Ollama error body. A <see cref="StoreException"/> keeps its status and its
/// message, which the store words without server paths; anything else says only "internal server error", since
/// exception messages of the runtime name files (ollama#13223). The details go to the log.
/// </summary>
public sealed class ErrorBodyMiddleware(RequestDelegate next, ILogger<ErrorBodyMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception error) when (error is not OperationCanceledException && !context.Response.HasStarted)
        {
            logger.LogError(error, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            var answer = error is StoreException store ? new ApiError(store.Status, store.Message) : new ApiError(500, "internal server error");
            await ApiResults.WriteErrorAsync(context.Response, answer);
        }
    }
}
