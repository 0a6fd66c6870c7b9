namespace Corral.Server.Hosting;

/// <summary>
/// Ollama's CORS rules (gin-contrib/cors as configured in <c>server/routes.go</c>): <c>OLLAMA_ORIGINS</c> plus
/// the local defaults, one <c>*</c> wildcard per pattern, a lone <c>*</c> allows every origin.
/// </summary>
public sealed class CorsPolicy
{
    public const string AllowedMethods = "GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS";

    public const string AllowedHeaders = "Authorization,Content-Type,User-Agent,Accept,X-Requested-With,OpenAI-Beta,x-stainless-arch,"
        + "x-stainless-async,x-stainless-custom-poll-interval,x-stainless-helper-method,x-stainless-lang,x-stainless-os,"
        + "x-stainless-package-version,x-stainless-poll-helper,x-stainless-retry-count,x-stainless-runtime,"
        + "x-stainless-runtime-version,x-stainless-timeout";

    private static readonly string[] _browserExtensionSchemes = ["chrome-extension://", "moz-extension://", "safari-web-extension://"];

    private readonly List<string> _patterns;

    public CorsPolicy(IEnumerable<string> extraOrigins)
    {
        _patterns = extraOrigins.Select(origin => origin.Trim()).Where(origin => origin.Length > 0).ToList();
        foreach (var host in new[] { "localhost", "127.0.0.1", "0.0.0.0" })
        {
            _patterns.AddRange([$"http://{host}", $"https://{host}", $"http://{host}:*", $"https://{host}:*"]);
        }
        _patterns.AddRange(["app://*", "file://*", "tauri://*", "vscode-webview://*", "vscode-file://*"]);
    }

    public bool AllowsAll => _patterns.Contains("*");

    public bool IsAllowed(string origin)
    {
        if (AllowsAll)
        {
            return true;
        }
        foreach (var pattern in _patterns)
        {
            // Browser extension origins only pass when listed (gin-contrib/cors AllowBrowserExtensions).
            if (_browserExtensionSchemes.Any(scheme => origin.StartsWith(scheme, StringComparison.Ordinal))
                && !_browserExtensionSchemes.Any(scheme => pattern.StartsWith(scheme, StringComparison.Ordinal)))
            {
                continue;
            }
            if (Matches(pattern, origin))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Matches(string pattern, string origin)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return string.Equals(pattern, origin, StringComparison.Ordinal);
        }
        var prefix = pattern[..star];
        var suffix = pattern[(star + 1)..];
        return origin.Length >= prefix.Length + suffix.Length
            && origin.StartsWith(prefix, StringComparison.Ordinal)
            && origin.EndsWith(suffix, StringComparison.Ordinal);
    }
}
