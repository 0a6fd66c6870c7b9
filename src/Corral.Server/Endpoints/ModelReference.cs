using Corral.Contracts.Json;
using Corral.Server.Http;

namespace Corral.Server.Endpoints;

/// <summary>
/// Ollama's model-reference suffixes (<c>internal/modelref</c>, reference section 1.0): <c>:local</c> forces the
/// local model and is stripped; <c>:cloud</c> or a tag ending in <c>-cloud</c> asks for ollama.com's cloud,
/// which Corral never proxies to (403, as Ollama with cloud disabled); both at once is a 400.
/// </summary>
internal static class ModelReference
{
    public static ApiError CloudDisabled { get; } = new(403, "ollama cloud is disabled: remote model is unavailable");

    /// <summary>The local name to look up, or the error for a cloud or conflicting reference.</summary>
    public static (string? Name, ApiError? Error) Resolve(string name)
    {
        var local = name.EndsWith(":local", StringComparison.Ordinal);
        var bare = local ? name[..^":local".Length] : name;
        var cloud = bare.EndsWith(":cloud", StringComparison.Ordinal) || (bare.Contains(':') && bare.EndsWith("-cloud", StringComparison.Ordinal));
        if (local && cloud)
        {
            return (null, new ApiError(400, $"use either :local or :cloud, not both: {GoQuote.Quote(name)}"));
        }
        return cloud ? (null, CloudDisabled) : (bare, null);
    }
}
