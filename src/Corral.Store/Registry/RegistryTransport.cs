using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Corral.Store.Registry;

/// <summary>
/// Sends one logical registry request: host guard on every target, bearer auth for the registry's own host only,
/// one token challenge per request, and redirects followed by hand so credentials never leave the registry host
/// (CVE-2025-51471; CDN redirects for blobs are allowed but anonymous).
/// </summary>
internal sealed class RegistryTransport(HttpClient http, RegistryOptions options, Uri registryBase)
{
    private const int MaxRedirects = 10;
    private const int MaxErrorBodyBytes = 4096;
    private const int MaxTokenResponseBytes = 64 * 1024;
    private static readonly string EmptyBodyHash = Convert.ToHexStringLower(SHA256.HashData([]));

    private volatile string? _token;

    public Uri RegistryBase => registryBase;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, Func<HttpContent>? content,
        Action<HttpRequestMessage>? configure, CancellationToken cancellationToken)
    {
        var challenged = false;
        var redirects = 0;
        while (true)
        {
            await RegistryHostGuard.EnsureAllowedAsync(uri, options, cancellationToken).ConfigureAwait(false);
            var registryHost = SameAuthority(uri, registryBase);
            HttpResponseMessage response;
            using (var request = new HttpRequestMessage(method, uri))
            {
                request.Content = content?.Invoke();
                request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
                configure?.Invoke(request);
                if (registryHost && _token is { } token)
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                    .ConfigureAwait(false);
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && registryHost && !challenged
                && BearerChallenge.Parse(FirstHeader(response, "WWW-Authenticate")) is { } challenge)
            {
                response.Dispose();
                challenged = true;
                _token = await FetchTokenAsync(challenge, uri, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (IsRedirect(response.StatusCode) && (method == HttpMethod.Get || method == HttpMethod.Head)
                && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (++redirects > MaxRedirects)
                    throw new RegistryException(RegistryErrorKind.RegistryError, $"stopped after {MaxRedirects} redirects");
                var target = new Uri(uri, location);
                // Same rule as .NET's own redirect handler: never downgrade https, never leave http(s).
                if (target.Scheme != Uri.UriSchemeHttps && (target.Scheme != Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                    throw new RegistryException(RegistryErrorKind.RegistryError,
                        $"refusing redirect from {uri.Scheme} to {target.Scheme}");
                uri = target;
                continue;
            }

            return response;
        }
    }

    /// <summary>Ollama's error mapping: 404 is not-exist, 401 is access denied, others <c>&lt;code&gt;: &lt;body&gt;</c>.</summary>
    public static async Task<RegistryException> ErrorAsync(HttpResponseMessage response, string prefix,
        CancellationToken cancellationToken)
    {
        var code = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.NotFound)
            return new RegistryException(RegistryErrorKind.NotFound, prefix + "file does not exist");
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            return new RegistryException(RegistryErrorKind.Unauthorized, prefix + "unauthorized: access denied");
        var bytes = await ReadAtMostAsync(response, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        var body = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, MaxErrorBodyBytes)).Trim();
        var kind = code >= 500 || code is 408 or 429 ? RegistryErrorKind.Transient : RegistryErrorKind.RegistryError;
        return new RegistryException(kind, $"{prefix}{code}: {body}");
    }

    /// <summary>
    /// Reads at most <paramref name="limit"/> + 1 bytes, so a caller can tell "exactly at the limit" from "too large"
    /// and refuse an oversized manifest or token response instead of parsing half of it.
    /// </summary>
    public static async Task<byte[]> ReadAtMostAsync(HttpResponseMessage response, int limit,
        CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > limit)
            return new byte[limit + 1];
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[limit + 1];
        var filled = 0;
        int read;
        while (filled < buffer.Length
               && (read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
            filled += read;
        return buffer[..filled];
    }

    public static bool SameAuthority(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    private async Task<string> FetchTokenAsync(BearerChallenge challenge, Uri requestUri, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm))
            throw new RegistryException(RegistryErrorKind.Unauthorized, "unauthorized: invalid token realm");
        // Ollama #13738: a realm elsewhere would receive our credentials and signature; refuse before any request.
        if (!SameAuthority(realm, requestUri))
            throw new RegistryException(RegistryErrorKind.Unauthorized,
                $"realm host \"{realm.Authority}\" does not match original host \"{requestUri.Authority}\"");
        var tokenUri = challenge.TokenUri();
        var signingKey = options.Credentials is null ? options.SigningKey : null;
        if (signingKey is not null)
            tokenUri = new UriBuilder(tokenUri)
            {
                Query = $"{tokenUri.Query.TrimStart('?')}&ts={DateTimeOffset.UtcNow.ToUnixTimeSeconds()}&nonce={Nonce()}",
            }.Uri;
        await RegistryHostGuard.EnsureAllowedAsync(tokenUri, options, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, tokenUri);
        request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
        if (options.Credentials is { } credentials)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}")));
        else if (signingKey is not null)
            request.Headers.TryAddWithoutValidation("Authorization",
                signingKey.Authorization(Encoding.UTF8.GetBytes(SignedTokenRequest(tokenUri))));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new RegistryException(RegistryErrorKind.Unauthorized, "unauthorized: access denied");
        if (!response.IsSuccessStatusCode)
            throw await ErrorAsync(response, "token: ", cancellationToken).ConfigureAwait(false);
        var body = await ReadAtMostAsync(response, MaxTokenResponseBytes, cancellationToken).ConfigureAwait(false);
        if (body.Length > MaxTokenResponseBytes)
            throw new RegistryException(RegistryErrorKind.Unauthorized, "unauthorized: token response too large");
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var name in (string[])["token", "access_token"])
                if (document.RootElement.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } token)
                    return token;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new RegistryException(RegistryErrorKind.Unauthorized, "unauthorized: invalid token response", e);
        }
        throw new RegistryException(RegistryErrorKind.Unauthorized, "unauthorized: token response has no token");
    }

    /// <summary>
    /// What Ollama signs for a token request (server/auth.go getAuthorizationToken):
    /// <c>GET,&lt;url&gt;,&lt;base64(hex(sha256 of the empty body))&gt;</c>.
    /// </summary>
    public static string SignedTokenRequest(Uri tokenUri) =>
        $"GET,{tokenUri.AbsoluteUri},{Convert.ToBase64String(Encoding.ASCII.GetBytes(EmptyBodyHash))}";

    // Ollama's auth.NewNonce: 16 random bytes, base64url without padding.
    private static string Nonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? FirstHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently
        or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect
        or HttpStatusCode.PermanentRedirect;
}
