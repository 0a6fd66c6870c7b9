using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Corral.Contracts.Runner;

namespace Corral.Runner.Tests;

/// <summary>The runner protocol end to end: RunnerHost (real Kestrel on a Unix socket) and RunnerClient, with a
/// fake model.</summary>
public sealed class RunnerHostTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Status_IsLoadingUntilTheModelLoads_ThenReadyWithEngineCounters()
    {
        var loaded = new TaskCompletionSource<IModelRunner>();
        var progressReported = new TaskCompletionSource();
        await using var runner = await InProcessRunner.StartAsync((_, progress, _) =>
        {
            progress.Report(0.25f);
            progressReported.SetResult();
            return loaded.Task;
        });
        await progressReported.Task.WaitAsync(s_timeout);

        var loading = await runner.Client.GetStatusAsync(CancellationToken.None);

        Assert.Equal(("loading", 0.25f), (loading.State, loading.LoadProgress));
        loaded.SetResult(new FakeModelRunner());
        var status = await runner.WaitForStateAsync("ready");

        Assert.Equal((128, 2), (status.ContextLength, status.Parallel));
    }

    [Fact]
    public async Task LoadFailure_IsErrorStateWithTheMessage_AndRequestsFailWithIt()
    {
        await using var runner = await InProcessRunner.StartAsync((_, _, _) =>
            Task.FromException<IModelRunner>(new InvalidDataException("not a GGUF file")));

        var status = await runner.WaitForStateAsync("error");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            runner.Client.TokenizeAsync(new TokenizeRequest("hi"), CancellationToken.None));

        Assert.Equal("not a GGUF file", status.Error);
        Assert.Equal("not a GGUF file", error.Message);
    }

    [Fact]
    public async Task RequestWhileLoading_Is503StillLoading()
    {
        await using var runner = await InProcessRunner.StartAsync(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new UnreachableException();
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            runner.Client.EmbedAsync(new EmbeddingRequest { Inputs = ["x"] }, CancellationToken.None));

        Assert.Equal("model is still loading", error.Message);
    }

    [Fact]
    public async Task Completion_RoundTripsChunksInOrder()
    {
        await using var runner = await InProcessRunner.StartReadyAsync(new FakeModelRunner());

        var chunks = await runner.Client.CompleteAsync(new CompletionRequest { Prompt = "one two three" }, CancellationToken.None)
            .ToListAsync();

        Assert.Equal(["one", "two", "three", ""], chunks.Select(c => c.Content));
        Assert.Equal(("stop", 3, 3), (chunks[^1].DoneReason, chunks[^1].PromptEvalCount, chunks[^1].EvalCount));
        Assert.True(chunks[^1].Done);
    }

    [Fact]
    public async Task Completion_StreamsEachChunkBeforeTheNextIsGenerated()
    {
        var model = new FakeModelRunner();
        await using var runner = await InProcessRunner.StartReadyAsync(model);
        using var timeout = new CancellationTokenSource(s_timeout);

        await using var chunks = runner.Client.CompleteAsync(new CompletionRequest { Prompt = "gated" }, timeout.Token)
            .GetAsyncEnumerator(timeout.Token);
        var received = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            // The model produces chunk i only now, so reading it proves nothing waits for the whole response.
            model.ReleaseChunk();
            Assert.True(await chunks.MoveNextAsync());
            received.Add(chunks.Current.Content);
        }

        Assert.Equal(["g0", "g1", "g2"], received);
        Assert.True(await chunks.MoveNextAsync());
        Assert.True(chunks.Current.Done);
    }

    [Fact]
    public async Task ConcurrentCompletions_StreamIndependentlyOverOneClient()
    {
        await using var runner = await InProcessRunner.StartReadyAsync(new FakeModelRunner());
        using var timeout = new CancellationTokenSource(s_timeout);

        await using var first = runner.Client.CompleteAsync(new CompletionRequest { Prompt = "endless" }, timeout.Token)
            .GetAsyncEnumerator(timeout.Token);
        await using var second = runner.Client.CompleteAsync(new CompletionRequest { Prompt = "endless" }, timeout.Token)
            .GetAsyncEnumerator(timeout.Token);
        var received = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await first.MoveNextAsync());
            Assert.True(await second.MoveNextAsync());
            received.Add(first.Current.Content + second.Current.Content);
        }

        Assert.Equal(["tick0 tick0 ", "tick1 tick1 ", "tick2 tick2 "], received);
    }

    [Fact]
    public async Task Completion_CancellingTheClient_CancelsTheModelsToken()
    {
        var model = new FakeModelRunner();
        await using var runner = await InProcessRunner.StartReadyAsync(model);
        using var cancel = new CancellationTokenSource();

        await using (var chunks = runner.Client.CompleteAsync(new CompletionRequest { Prompt = "endless" }, cancel.Token)
                         .GetAsyncEnumerator(cancel.Token))
        {
            Assert.True(await chunks.MoveNextAsync());
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await chunks.MoveNextAsync());
        }

        await model.Cancelled.WaitAsync(s_timeout);
    }

    [Fact]
    public async Task Completion_ErrorBeforeFirstChunk_Is400AndThrowsArgumentException()
    {
        await using var runner = await InProcessRunner.StartReadyAsync(new FakeModelRunner());

        var error = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await runner.Client.CompleteAsync(new CompletionRequest { Prompt = "fail-before" }, CancellationToken.None).ToListAsync());

        Assert.Equal("fake: bad prompt", error.Message);
    }

    [Fact]
    public async Task Completion_ErrorAfterFirstChunk_IsAFinalChunkWithTheError()
    {
        await using var runner = await InProcessRunner.StartReadyAsync(new FakeModelRunner());

        var chunks = await runner.Client.CompleteAsync(new CompletionRequest { Prompt = "fail-after" }, CancellationToken.None)
            .ToListAsync();

        Assert.Equal(2, chunks.Count);
        Assert.Equal("a", chunks[0].Content);
        Assert.Equal(("fake: decode failed", true), (chunks[1].Error, chunks[1].Done));
    }

    [Fact]
    public async Task Embed_Tokenize_Detokenize_RoundTrip()
    {
        await using var runner = await InProcessRunner.StartReadyAsync(new FakeModelRunner());

        var embedding = await runner.Client.EmbedAsync(new EmbeddingRequest { Inputs = ["ab", "cde"] }, CancellationToken.None);
        var tokens = await runner.Client.TokenizeAsync(new TokenizeRequest("hi"), CancellationToken.None);
        var text = await runner.Client.DetokenizeAsync(new DetokenizeRequest([104, 105]), CancellationToken.None);

        Assert.Equal([[2f, 0.5f, -1f], [3f, 0.5f, -1f]], embedding.Embeddings);
        Assert.Equal(5, embedding.PromptEvalCount);
        Assert.Equal([104, 105], tokens.Tokens);
        Assert.Equal("hi", text.Content);
    }

    [Fact]
    public async Task MalformedBody_Is400WithAnErrorObject()
    {
        await using var runner = await InProcessRunner.StartReadyAsync(new FakeModelRunner());
        using var http = RawHttp(runner.SocketPath);

        using var response = await http.PostAsync("http://runner/tokenize", new StringContent("{not json", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("{\"error\":\"invalid request body: ", body);
    }

    [Fact]
    public async Task Completion_WireFormatIsNdjsonWithSnakeCase()
    {
        await using var runner = await InProcessRunner.StartReadyAsync(new FakeModelRunner());
        using var http = RawHttp(runner.SocketPath);

        using var response = await http.PostAsync("http://runner/completion",
            new StringContent("{\"prompt\":\"hi\"}", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = body.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("{\"content\":\"hi\",\"done\":false,", lines[0]);
        Assert.Contains("\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":1,", lines[1]);
        Assert.Equal("", lines[2]);
    }

    private static HttpClient RawHttp(string socketPath) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    });
}
