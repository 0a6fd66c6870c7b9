namespace Corral.Server.Security;

/// <summary>
/// The scope each route needs, in one table so the key check and the stream limit agree. A path that is not
/// listed needs <see cref="ApiScope.Manage"/>: a route added later stays admin-only until someone classifies it.
/// Matching ignores case and a trailing slash, as the router does, so no spelling of a path reaches a route
/// with a weaker scope than the route's own.
/// </summary>
public static class EndpointScopes
{
    private static readonly Dictionary<string, ApiScope> _exact = new(StringComparer.OrdinalIgnoreCase)
    {
        // "Ollama is running": health checks and load balancers probe it without credentials; it reveals nothing.
        ["/"] = ApiScope.None,
        ["/api/version"] = ApiScope.Read,
        ["/api/tags"] = ApiScope.Read,
        ["/api/show"] = ApiScope.Read,
        ["/api/ps"] = ApiScope.Read,
        ["/api/generate"] = ApiScope.Infer,
        ["/api/chat"] = ApiScope.Infer,
        ["/api/embed"] = ApiScope.Infer,
        ["/api/embeddings"] = ApiScope.Infer,
        ["/api/create"] = ApiScope.Manage,
        ["/api/copy"] = ApiScope.Manage,
        ["/api/delete"] = ApiScope.Manage,
        ["/api/pull"] = ApiScope.Manage,
        ["/api/push"] = ApiScope.Manage,
    };

    public static ApiScope For(string method, PathString path)
    {
        var value = path.Value is { Length: > 1 } text ? text.TrimEnd('/') : "/";
        if (_exact.TryGetValue(value, out var scope))
        {
            return scope;
        }
        if (value.StartsWith("/v1/models", StringComparison.OrdinalIgnoreCase) && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)))
        {
            return ApiScope.Read;
        }
        return value.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase) ? ApiScope.Infer : ApiScope.Manage;
    }

    /// <summary>The scope's name as written in key files and error messages.</summary>
    public static string Name(ApiScope scope) => scope.ToString().ToLowerInvariant();
}
