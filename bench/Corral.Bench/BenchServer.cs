using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Corral.Bench;

/// <summary>
/// A server under test, asked for greedy raw-prompt completions over HTTP with streaming on, one line per token.
/// Both servers get the same prompt text, so they evaluate the same tokens; each timestamp is taken as its line
/// arrives, so the client-observed numbers include the server's streaming path and the HTTP stack.
/// </summary>
public abstract class BenchServer(string name, ServerProcess process) : IAsyncDisposable
{
    // Pooled connections are dropped after 30 s idle: the figures leave some of the 8 connections unused for
    // minutes, and reusing one just as the server's keep-alive timeout (Kestrel: 130 s) closes it ends the next
    // POST with "response ended prematurely" (seen in a full run), which measures the client, not the server.
    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
    {
        BaseAddress = process.Address,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public string Name { get; } = name;

    public string LogPath => process.LogPath;

    /// <summary>Streams one completion of <paramref name="prompt"/>, generating up to <paramref name="predict"/> tokens.</summary>
    public async Task<StreamedCompletion> CompleteAsync(string prompt, int predict)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RequestPath)
        {
            Content = new StringContent(RequestBody(prompt, predict).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        var sent = Stopwatch.GetTimestamp();
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{Name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        double? first = null;
        double last = 0;
        var text = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            var at = Stopwatch.GetElapsedTime(sent).TotalSeconds;
            if (Payload(line) is not { } payload)
            {
                continue;
            }

            using var document = JsonDocument.Parse(payload);
            var chunk = document.RootElement;
            var piece = Text(chunk);
            text.Append(piece);
            var final = IsFinal(chunk);
            if (!final || piece.Length > 0)
            {
                first ??= at;
                last = at;
            }

            if (final)
            {
                var (generated, evaluated, decode) = Stats(chunk);
                return new StreamedCompletion(first ?? at, first is null ? at : last, at, generated, evaluated, decode, text.ToString());
            }
        }

        throw new InvalidOperationException($"{Name}: the stream ended without a final line");
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await process.DisposeAsync();
        Stopped();
        GC.SuppressFinalize(this);
    }

    /// <summary>Cleans up what the server left behind, once its process has exited.</summary>
    protected virtual void Stopped()
    {
    }

    protected abstract string RequestPath { get; }

    /// <summary>The request: temperature 0, the same token budget, streaming on, everything else left at the server's defaults.</summary>
    protected abstract JsonObject RequestBody(string prompt, int predict);

    /// <summary>The JSON of one streamed line, or null for lines that carry none (blank lines, SSE framing).</summary>
    protected abstract string? Payload(string line);

    protected abstract bool IsFinal(JsonElement chunk);

    protected abstract string Text(JsonElement chunk);

    /// <summary>Generated tokens, prompt tokens evaluated (cache hits excluded) and decode seconds, as the server reports them.</summary>
    protected abstract (int Generated, int PromptEvaluated, double DecodeSeconds) Stats(JsonElement final);
}
