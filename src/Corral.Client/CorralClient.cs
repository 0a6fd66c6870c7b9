using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Corral.Contracts;
using Corral.Contracts.Ollama;

namespace Corral.Client;

/// <summary>
/// Client for the native API of a Corral or Ollama server: the .NET counterpart of Ollama's Go <c>api.Client</c>
/// (https://github.com/ollama/ollama/blob/main/api/client.go). Streaming endpoints are exposed as
/// <see cref="IAsyncEnumerable{T}"/> read line by line; every call honours its <see cref="CancellationToken"/>.
/// </summary>
public sealed class CorralClient : IDisposable
{
    private static readonly string _userAgent =
        $"corral-client/{typeof(CorralClient).Assembly.GetName().Version?.ToString(3)} " +
        $"({RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()} {Environment.OSVersion.Platform.ToString().ToLowerInvariant()}) " +
        $".NET/{Environment.Version}";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string? _apiKey;

    /// <summary>Creates a client for <paramref name="baseAddress"/> (e.g. <c>http://127.0.0.1:11434</c>) with its own HttpClient.</summary>
    /// <param name="baseAddress">Server root; a path such as <c>https://example.com/ollama</c> is kept.</param>
    /// <param name="apiKey">Sent as <c>Authorization: Bearer</c> on every request when set.</param>
    public CorralClient(Uri baseAddress, string? apiKey = null)
        : this(baseAddress ?? throw new ArgumentNullException(nameof(baseAddress)), null, apiKey)
    {
    }

    /// <summary>
    /// Creates a client over an HttpClient whose <see cref="HttpClient.BaseAddress"/> is the server root. This is
    /// the only public constructor taking an HttpClient, so <c>services.AddHttpClient&lt;CorralClient&gt;(...)</c>
    /// (a typed IHttpClientFactory client) can build it. The HttpClient is not disposed by this client.
    /// </summary>
    public CorralClient(HttpClient httpClient, string? apiKey = null)
        : this(httpClient?.BaseAddress ?? throw new ArgumentException("HttpClient.BaseAddress must be set.", nameof(httpClient)), httpClient, apiKey)
    {
    }

    private CorralClient(Uri baseAddress, HttpClient? httpClient, string? apiKey)
    {
        BaseAddress = WithTrailingSlash(baseAddress);
        _ownsHttp = httpClient is null;
        // Generation can take longer than HttpClient's 100 s default before the first byte, like Go's default client.
        // A stream left early is closed at once instead of drained (up to 2 s by default), so the server sees the
        // disconnect and stops generating, as Ollama does when its client goes away.
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { Timeout = Timeout.InfiniteTimeSpan };
        _apiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
    }

    /// <summary>The server root every API path is resolved against (always ends with <c>/</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// Go's <c>ClientFromEnvironment</c>: the server from <c>OLLAMA_HOST</c> (see <see cref="GetBaseAddress"/>) and,
    /// when <c>OLLAMA_API_KEY</c> is set, that key as a bearer token. A given <paramref name="httpClient"/> is used
    /// for the transport (not disposed by this client); its BaseAddress is ignored.
    /// </summary>
    public static CorralClient FromEnvironment(HttpClient? httpClient = null) =>
        new(GetBaseAddress(Environment.GetEnvironmentVariable("OLLAMA_HOST")), httpClient,
            EnvValue.Normalize(Environment.GetEnvironmentVariable("OLLAMA_API_KEY")));

    /// <summary>
    /// The server URI for an <c>OLLAMA_HOST</c> value, parsed like Ollama's <c>envconfig.Host()</c>: default
    /// <c>http://127.0.0.1:11434</c>, scheme defaults to http with port 11434 (80/443 when a scheme is given),
    /// quotes, spaces and trailing slashes trimmed, an invalid port falls back to the default. An unspecified
    /// host (<c>:1234</c>, <c>0.0.0.0</c>, <c>[::]</c>) is reached through loopback, as Go's dialer does.
    /// </summary>
    public static Uri GetBaseAddress(string? ollamaHost)
    {
        var host = OllamaHost.Parse(ollamaHost);
        var reachable = host.Host switch
        {
            "" or "0.0.0.0" => host with { Host = "127.0.0.1" },
            "::" => host with { Host = "::1" },
            _ => host,
        };
        return WithTrailingSlash(new Uri(reachable.ToString()));
    }

    /// <summary>Generates a completion and returns it whole (<c>"stream": false</c>).</summary>
    public async Task<GenerateResponse> GenerateAsync(GenerateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await SingleAsync(StreamAsync("api/generate", request with { Stream = false },
            CorralJsonContext.Default.GenerateRequest, CorralJsonContext.Default.GenerateResponse, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams a completion chunk by chunk (<c>POST /api/generate</c>); the last chunk has <c>Done</c> set.
    /// The request is sent as given, so <c>Stream = false</c> yields the single whole response.
    /// </summary>
    public IAsyncEnumerable<GenerateResponse> GenerateStreamAsync(GenerateRequest request, CancellationToken cancellationToken = default) =>
        StreamAsync("api/generate", request,
            CorralJsonContext.Default.GenerateRequest, CorralJsonContext.Default.GenerateResponse, cancellationToken);

    /// <summary>Sends a chat and returns the whole answer (<c>"stream": false</c>).</summary>
    public async Task<ChatResponse> ChatAsync(ChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await SingleAsync(StreamAsync("api/chat", request with { Stream = false },
            CorralJsonContext.Default.ChatRequest, CorralJsonContext.Default.ChatResponse, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Streams a chat answer chunk by chunk (<c>POST /api/chat</c>); the last chunk has <c>Done</c> set.</summary>
    public IAsyncEnumerable<ChatResponse> ChatStreamAsync(ChatRequest request, CancellationToken cancellationToken = default) =>
        StreamAsync("api/chat", request,
            CorralJsonContext.Default.ChatRequest, CorralJsonContext.Default.ChatResponse, cancellationToken);

    /// <summary>Pulls a model from its registry, reporting progress (<c>POST /api/pull</c>). With <c>Stream = false</c> only the final status comes.</summary>
    public IAsyncEnumerable<ProgressResponse> PullAsync(PullRequest request, CancellationToken cancellationToken = default) =>
        StreamAsync("api/pull", request, CorralJsonContext.Default.PullRequest, CorralJsonContext.Default.ProgressResponse, cancellationToken);

    /// <summary>Pushes a model to its registry, reporting progress (<c>POST /api/push</c>).</summary>
    public IAsyncEnumerable<ProgressResponse> PushAsync(PushRequest request, CancellationToken cancellationToken = default) =>
        StreamAsync("api/push", request, CorralJsonContext.Default.PushRequest, CorralJsonContext.Default.ProgressResponse, cancellationToken);

    /// <summary>Creates a model from uploaded blobs or an existing model, reporting progress (<c>POST /api/create</c>).</summary>
    public IAsyncEnumerable<ProgressResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default) =>
        StreamAsync("api/create", request, CorralJsonContext.Default.CreateRequest, CorralJsonContext.Default.ProgressResponse, cancellationToken);

    /// <summary>Lists the local models (<c>GET /api/tags</c>).</summary>
    public Task<ListResponse> ListAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "api/tags", null, CorralJsonContext.Default.ListResponse, cancellationToken);

    /// <summary>Lists the models loaded in memory (<c>GET /api/ps</c>).</summary>
    public Task<ProcessResponse> ListRunningAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "api/ps", null, CorralJsonContext.Default.ProcessResponse, cancellationToken);

    /// <summary>Copies (aliases) a model (<c>POST /api/copy</c>).</summary>
    public Task CopyAsync(CopyRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/copy", Json(request, CorralJsonContext.Default.CopyRequest), cancellationToken);

    /// <summary>Deletes a model (<c>DELETE /api/delete</c> with a JSON body, as Ollama expects).</summary>
    public Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, "api/delete", Json(request, CorralJsonContext.Default.DeleteRequest), cancellationToken);

    /// <summary>Shows a model's details, Modelfile, template and metadata (<c>POST /api/show</c>).</summary>
    public Task<ShowResponse> ShowAsync(ShowRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/show", Json(request, CorralJsonContext.Default.ShowRequest), CorralJsonContext.Default.ShowResponse, cancellationToken);

    /// <summary>Checks the server is up (<c>HEAD /</c>); throws <see cref="StatusException"/> or <see cref="HttpRequestException"/> when not.</summary>
    public Task HeartbeatAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Head, "", null, cancellationToken);

    /// <summary>Embeds one or more inputs into L2-normalized vectors (<c>POST /api/embed</c>).</summary>
    public Task<EmbedResponse> EmbedAsync(EmbedRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/embed", Json(request, CorralJsonContext.Default.EmbedRequest), CorralJsonContext.Default.EmbedResponse, cancellationToken);

    /// <summary>Embeds one prompt with the legacy endpoint (<c>POST /api/embeddings</c>; vector not normalized).</summary>
    public Task<EmbeddingResponse> EmbeddingsAsync(EmbeddingRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/embeddings", Json(request, CorralJsonContext.Default.EmbeddingRequest), CorralJsonContext.Default.EmbeddingResponse, cancellationToken);

    /// <summary>
    /// Uploads a blob for <see cref="CreateAsync"/> (<c>POST /api/blobs/sha256:&lt;hex&gt;</c>). The content is
    /// streamed, not buffered, and disposed with the request; the server checks it against <paramref name="digest"/>
    /// (400 <c>digest mismatch</c>) and answers 200 without reading it when it already has the blob.
    /// </summary>
    public Task CreateBlobAsync(string digest, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(digest);
        ArgumentNullException.ThrowIfNull(content);
        var body = new StreamContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return SendAsync(HttpMethod.Post, BlobPath(digest), body, cancellationToken);
    }

    /// <summary>True when the server already has the blob (<c>HEAD /api/blobs/sha256:&lt;hex&gt;</c>), false on 404.</summary>
    public async Task<bool> BlobExistsAsync(string digest, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(digest);
        using var message = CreateMessage(HttpMethod.Head, BlobPath(digest), null, "application/json");
        using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The server's version (<c>GET /api/version</c>).</summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "api/version", null, CorralJsonContext.Default.VersionResponse, cancellationToken).ConfigureAwait(false)).Version;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    // The server validates the digest; escaping keeps anything else in it from changing the path.
    private static string BlobPath(string digest) => "api/blobs/" + Uri.EscapeDataString(digest).Replace("%3A", ":", StringComparison.Ordinal);

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    private static async Task<T> SingleAsync<T>(IAsyncEnumerable<T> items)
    {
        T? last = default;
        var any = false;
        await foreach (var item in items.ConfigureAwait(false))
        {
            last = item;
            any = true;
        }
        return any ? last! : throw new HttpRequestException("the server sent an empty response");
    }

    private static ByteArrayContent Json<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(value);
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private HttpRequestMessage CreateMessage(HttpMethod method, string path, HttpContent? content, string accept)
    {
        var message = new HttpRequestMessage(method, new Uri(BaseAddress, path)) { Content = content };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        message.Headers.UserAgent.ParseAdd(_userAgent);
        if (_apiKey is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }
        return message;
    }

    private async IAsyncEnumerable<TResponse> StreamAsync<TRequest, TResponse>(string path, TRequest request,
        JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var message = CreateMessage(HttpMethod.Post, path, Json(request, requestType), "application/x-ndjson");
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            await foreach (var item in NdjsonReader.ReadAsync(body, responseType, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }

    private async Task<TResponse> SendAsync<TResponse>(HttpMethod method, string path, HttpContent? content,
        JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(method, path, content, "application/json");
        using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(body, responseType, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"{path}: the server answered null");
    }

    private async Task SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(method, path, content, "application/json");
        using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if ((int)response.StatusCode >= 400)
        {
            throw await ServerError.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }
}
