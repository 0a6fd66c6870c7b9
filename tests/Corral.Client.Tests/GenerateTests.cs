using System.Text.Json;
using Corral.Contracts.Ollama;

namespace Corral.Client.Tests;

[Collection(ServerCollection.Name)]
public sealed class GenerateTests(ScriptedServerFixture server)
{
    // Lines as Ollama 0.12 writes them for a thinking model (reference 1.2 example stream).
    private static readonly string[] _stream =
    [
        """{"model":"qwen3","created_at":"2025-10-01T12:00:00.123456789Z","response":"","thinking":"Let me","done":false}""",
        """{"model":"qwen3","created_at":"2025-10-01T12:00:00.223456789Z","response":"Blue","done":false}""",
        """{"model":"qwen3","created_at":"2025-10-01T12:00:00.323456789Z","response":"","done":true,"done_reason":"stop","context":[1,2,3],"total_duration":1234,"load_duration":56,"prompt_eval_count":26,"prompt_eval_duration":78,"eval_count":290,"eval_duration":90}""",
    ];

    [Fact]
    public async Task GenerateStreamAsync_posts_the_request_and_yields_every_line()
    {
        var script = server.NewScript().ReplyLines(_stream);
        using var client = new CorralClient(script.BaseUri);

        var chunks = new List<GenerateResponse>();
        await foreach (var chunk in client.GenerateStreamAsync(new GenerateRequest
        {
            Model = "qwen3",
            Prompt = "Why is the sky blue?",
            Options = new() { ["num_predict"] = JsonSerializer.SerializeToElement(8) },
            KeepAlive = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)),
        }))
        {
            chunks.Add(chunk);
        }

        var request = Assert.Single(script.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/generate", request.Path);
        Assert.Equal("""{"model":"qwen3","prompt":"Why is the sky blue?","keep_alive":"5m0s","options":{"num_predict":8}}""", request.BodyText);
        Assert.Equal("application/x-ndjson", request.Headers["Accept"]);
        Assert.StartsWith("corral-client/", request.Headers["User-Agent"]);
        Assert.Equal(["", "Blue", ""], chunks.Select(c => c.Response));
        Assert.Equal("Let me", chunks[0].Thinking);
        var last = chunks[^1];
        Assert.True(last.Done);
        Assert.Equal("stop", last.DoneReason);
        Assert.Equal([1, 2, 3], last.Context);
        Assert.Equal((1234L, 56L, 26, 78L, 290, 90L),
            (last.TotalDuration, last.LoadDuration, last.PromptEvalCount, last.PromptEvalDuration, last.EvalCount, last.EvalDuration));
        Assert.Equal("2025-10-01T12:00:00.323Z", last.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
    }

    [Fact]
    public async Task GenerateAsync_sends_stream_false_and_returns_the_single_object()
    {
        var script = server.NewScript().Reply(200,
            """{"model":"llama3.2","created_at":"2025-10-01T12:00:00Z","response":"The sky is blue.","done":true,"done_reason":"stop","total_duration":5,"eval_count":4}""");
        using var client = new CorralClient(script.BaseUri);

        var response = await client.GenerateAsync(new GenerateRequest { Model = "llama3.2", Prompt = "sky?", Raw = true });

        Assert.Equal("""{"model":"llama3.2","prompt":"sky?","stream":false,"raw":true}""", Assert.Single(script.Requests).BodyText);
        Assert.Equal("The sky is blue.", response.Response);
        Assert.Equal(4, response.EvalCount);
        Assert.True(response.Done);
    }

    [Fact]
    public async Task Cancelling_mid_stream_stops_reading_and_aborts_the_request()
    {
        var script = server.NewScript().ReplyLinesThenHang(_stream[0]);

        var received = await CancelAfterTheFirstChunkAsync(script);

        Assert.Equal("Let me", Assert.Single(received).Thinking);
        await script.ClientAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Lines_already_received_are_not_returned_after_cancellation()
    {
        // All lines in one write, so they sit in the client's buffer together when the caller cancels.
        var script = server.NewScript().ReplyLinesThenHang(string.Join("\n", _stream));

        Assert.Single(await CancelAfterTheFirstChunkAsync(script));
    }

    /// <summary>Streams a generate from <paramref name="script"/>, cancelling as the first chunk arrives; returns
    /// every chunk the enumeration yielded before it threw.</summary>
    private static async Task<List<GenerateResponse>> CancelAfterTheFirstChunkAsync(Script script)
    {
        using var client = new CorralClient(script.BaseUri);
        using var cts = new CancellationTokenSource();
        var received = new List<GenerateResponse>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in client.GenerateStreamAsync(new GenerateRequest { Model = "qwen3", Prompt = "x" }, cts.Token))
            {
                received.Add(chunk);
                cts.Cancel();
            }
        });
        return received;
    }

    [Fact]
    public async Task A_stream_that_is_slower_than_the_token_is_cancelled_while_waiting_for_the_next_line()
    {
        var script = server.NewScript().ReplyLinesThenHang(_stream[0]);
        using var client = new CorralClient(script.BaseUri);
        using var cts = new CancellationTokenSource();

        await using var stream = client.GenerateStreamAsync(new GenerateRequest { Model = "qwen3" }, cts.Token).GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync());
        var next = stream.MoveNextAsync().AsTask();
        await Task.Delay(50);
        Assert.False(next.IsCompleted);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task GenerateAsync_is_cancelled_while_the_server_is_still_working()
    {
        var script = server.NewScript().ReplyLinesThenHang();
        using var client = new CorralClient(script.BaseUri);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GenerateAsync(new GenerateRequest { Model = "qwen3", Prompt = "x" }, cts.Token));
        await script.ClientAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Leaving_a_stream_early_closes_the_connection_at_once()
    {
        var script = server.NewScript().ReplyLinesThenHang(_stream[0]);
        using var client = new CorralClient(script.BaseUri);

        await foreach (var _ in client.GenerateStreamAsync(new GenerateRequest { Model = "qwen3", Prompt = "x" }))
        {
            break;
        }

        // HttpClient's default would drain the body for up to 2 s while the server keeps generating.
        await script.ClientAborted.Task.WaitAsync(TimeSpan.FromSeconds(1.5));
    }
}
