using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Corral.Contracts.Runner;

namespace Corral.Server.Runners;

/// <summary>
/// <see cref="IModelRunner"/> over a runner process's protocol on its Unix domain socket. Completions are read
/// line by line as they arrive. Transport failures surface as <see cref="HttpRequestException"/> or
/// <see cref="IOException"/>; <see cref="RunnerProcess"/> turns them into the runner-stopped error.
/// </summary>
public sealed class RunnerClient : IModelRunner
{
    private readonly HttpClient _http;

    public RunnerClient(string socketPath)
    {
        var endpoint = new UnixDomainSocketEndPoint(socketPath);
        var handler = new SocketsHttpHandler
        {
            // An abandoned completion must close its connection at once so the runner's request is aborted and
            // its slot freed; draining the rest of an endless stream would keep generating for up to 2 s.
            MaxResponseDrainSize = 0,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(endpoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };

        // Generation has no time limit; callers bound it with their cancellation token.
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://runner/"), Timeout = Timeout.InfiniteTimeSpan };
    }

    public async IAsyncEnumerable<CompletionChunk> CompleteAsync(CompletionRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "completion")
        {
            Content = JsonContent.Create(request, RunnerJsonContext.Default.CompletionRequest),
        };
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(body, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            // ReadLineAsync returns lines already buffered without looking at the token; a cancelled request
            // must stop here, not hand out what the runner sent before it noticed.
            cancellationToken.ThrowIfCancellationRequested();
            if (line.Length > 0)
            {
                yield return JsonSerializer.Deserialize(line, RunnerJsonContext.Default.CompletionChunk)
                    ?? throw new InvalidDataException("runner sent a null completion chunk");
            }
        }
    }

    public Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken) =>
        PostAsync("embedding", request, RunnerJsonContext.Default.EmbeddingRequest, RunnerJsonContext.Default.EmbeddingResponse, cancellationToken);

    public Task<TokenizeResponse> TokenizeAsync(TokenizeRequest request, CancellationToken cancellationToken) =>
        PostAsync("tokenize", request, RunnerJsonContext.Default.TokenizeRequest, RunnerJsonContext.Default.TokenizeResponse, cancellationToken);

    public Task<DetokenizeResponse> DetokenizeAsync(DetokenizeRequest request, CancellationToken cancellationToken) =>
        PostAsync("detokenize", request, RunnerJsonContext.Default.DetokenizeRequest, RunnerJsonContext.Default.DetokenizeResponse, cancellationToken);

    public async Task<RunnerStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("status", cancellationToken);
        return await ReadAsync(response, RunnerJsonContext.Default.RunnerStatus, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string path, TRequest request,
        JsonTypeInfo<TRequest> requestInfo,
        JsonTypeInfo<TResponse> responseInfo,
        CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(path, JsonContent.Create(request, requestInfo), cancellationToken);
        return await ReadAsync(response, responseInfo, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response,
        JsonTypeInfo<T> info, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync(info, cancellationToken)
            ?? throw new InvalidDataException($"runner sent an empty {typeof(T).Name}");
    }

    /// <summary>The runner answers 400 for bad input (the engine's ArgumentException) and 5xx for its own
    /// failures; both are rethrown as the same exception types the in-process engine throws.</summary>
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = ErrorMessage(text) ?? $"runner answered {(int)response.StatusCode} {response.ReasonPhrase}";
        throw response.StatusCode == HttpStatusCode.BadRequest
            ? new ArgumentException(message)
            : new InvalidOperationException(message);
    }

    private static string? ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("error", out var error)
                   && error.ValueKind == JsonValueKind.String
                ? error.GetString()
                : null;
        }
        catch (JsonException)
        {
            return body.Length > 0 ? body : null;
        }
    }
}
