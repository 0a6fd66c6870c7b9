using Corral.Server.Http;
using Corral.Server.Security;

namespace Corral.Server.Hosting;

/// <summary>
/// Turns Kestrel's body-size refusal into an Ollama error body (413), and caps inference requests in flight
/// (<see cref="RequestLimits.MaxConcurrentStreams"/>, 429) before they reach the scheduler's queue.
/// </summary>
public sealed class RequestLimitsMiddleware(RequestDelegate next, ServerConfig config)
{
    private int _streams;

    public async Task InvokeAsync(HttpContext context)
    {
        var counted = EndpointScopes.For(context.Request.Method, context.Request.Path) == ApiScope.Infer;
        if (counted && Interlocked.Increment(ref _streams) > config.Limits.MaxConcurrentStreams)
        {
            Interlocked.Decrement(ref _streams);
            context.Response.Headers.RetryAfter = "1";
            await ApiResults.WriteErrorAsync(context.Response,
                new ApiError(429, $"too many concurrent requests: the limit is {config.Limits.MaxConcurrentStreams}, please try again"));
            return;
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await ApiResults.WriteErrorAsync(context.Response,
                new ApiError(413, $"request body too large: the limit is {config.Limits.MaxRequestBytes} bytes"));
        }
        finally
        {
            if (counted)
            {
                Interlocked.Decrement(ref _streams);
            }
        }
    }
}
