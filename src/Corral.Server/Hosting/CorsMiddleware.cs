namespace Corral.Server.Hosting;

/// <summary>
/// gin-contrib/cors behaviour: no <c>Origin</c> or a same-origin request passes untouched; a disallowed origin
/// is 403; an allowed preflight is 204 with the allow headers; other allowed requests get
/// <c>Access-Control-Allow-Origin</c>.
/// </summary>
public sealed class CorsMiddleware(RequestDelegate next, CorsPolicy policy)
{
    public Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        var host = context.Request.Host.Value;
        if (origin.Length == 0 || origin == "http://" + host || origin == "https://" + host)
        {
            return next(context);
        }
        if (!policy.IsAllowed(origin))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = policy.AllowsAll ? "*" : origin;
        if (!policy.AllowsAll)
        {
            headers.Vary = "Origin";
        }
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            headers.AccessControlAllowMethods = CorsPolicy.AllowedMethods;
            headers.AccessControlAllowHeaders = CorsPolicy.AllowedHeaders;
            headers.AccessControlMaxAge = "43200";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }
        return next(context);
    }
}
