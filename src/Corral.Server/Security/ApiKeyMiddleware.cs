using Corral.Server.Hosting;
using Corral.Server.Http;

namespace Corral.Server.Security;

/// <summary>
/// With API keys configured, every request but the health check needs a key with the route's scope
/// (<see cref="EndpointScopes"/>): missing or unknown is 401 with a Bearer challenge, a key without the scope is 403.
/// The key comes as <c>Authorization: Bearer</c> (Ollama and OpenAI clients) or <c>x-api-key</c> (Anthropic SDKs).
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ServerConfig config)
{
    private static readonly ApiError _unauthorized = new(401, "unauthorized: a valid API key is required (Authorization: Bearer <key>)");

    public Task InvokeAsync(HttpContext context)
    {
        if (config.ApiKeys.IsEmpty)
        {
            return next(context);
        }
        var required = EndpointScopes.For(context.Request.Method, context.Request.Path);
        if (required == ApiScope.None)
        {
            return next(context);
        }
        var scopes = config.ApiKeys.Authorize(PresentedKey(context.Request));
        if (scopes is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"corral\"";
            return ApiResults.WriteErrorAsync(context.Response, _unauthorized);
        }
        if ((scopes.Value & required) != required)
        {
            return ApiResults.WriteErrorAsync(context.Response,
                new ApiError(403, $"forbidden: this API key does not have the \"{EndpointScopes.Name(required)}\" scope"));
        }
        return next(context);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return authorization[bearer.Length..].Trim();
        }
        return request.Headers["x-api-key"].ToString() is { Length: > 0 } apiKey ? apiKey : null;
    }
}
