using System.Text;

namespace Corral.Store.Registry;

/// <summary>
/// A parsed <c>WWW-Authenticate: Bearer realm="…",service="…",scope="…"</c> challenge
/// (<see href="https://distribution.github.io/distribution/spec/auth/token/">token auth spec</see>).
/// </summary>
public sealed record BearerChallenge(string Realm, string? Service, string? Scope)
{
    public static BearerChallenge? Parse(string? header)
    {
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return null;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var text = header.AsSpan(7);
        while (!text.IsEmpty)
        {
            text = text.TrimStart(" ,");
            var equals = text.IndexOf('=');
            if (equals <= 0)
                break;
            var key = text[..equals].Trim().ToString();
            text = text[(equals + 1)..];
            var value = new StringBuilder();
            if (!text.IsEmpty && text[0] == '"')
            {
                var i = 1;
                for (; i < text.Length && text[i] != '"'; i++)
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                        i++;
                    value.Append(text[i]);
                }
                text = i < text.Length ? text[(i + 1)..] : [];
            }
            else
            {
                var comma = text.IndexOf(',');
                value.Append(comma < 0 ? text : text[..comma]);
                text = comma < 0 ? [] : text[comma..];
            }
            values[key] = value.ToString();
        }
        return values.TryGetValue("realm", out var realm)
            ? new BearerChallenge(realm, values.GetValueOrDefault("service"), values.GetValueOrDefault("scope"))
            : null;
    }

    /// <summary>The token URL: realm plus service and each space-separated scope, as Ollama's getAuthorizationToken.</summary>
    public Uri TokenUri()
    {
        var query = new List<string>();
        if (Service is not null)
            query.Add($"service={Uri.EscapeDataString(Service)}");
        foreach (var scope in (Scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            query.Add($"scope={Uri.EscapeDataString(scope)}");
        var builder = new UriBuilder(Realm);
        var existing = builder.Query.TrimStart('?');
        builder.Query = string.Join('&', query.Prepend(existing).Where(part => part.Length > 0));
        return builder.Uri;
    }
}
