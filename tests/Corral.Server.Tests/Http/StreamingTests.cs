using System.Net;
using System.Text.Json;
using Corral.Server.Tests.Fakes;

namespace Corral.Server.Tests.Http;

/// <summary>NDJSON streaming, non-stream aggregation and error placement (reference section 1.0, 1.2, 1.3).</summary>
public sealed class StreamingTests
{
    [Fact]
    public async Task GenerateStreamsLinesBeforeTheRunnerFinishes()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ServerHarness.StartAsync(runner: runner => runner.Gate = gate);
        using var response = await server.PostStreamingAsync("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"hi\"}");
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        // The runner is blocked after its first chunk, so this line can only arrive if it was flushed on its own.
        var first = JsonDocument.Parse((await reader.ReadLineAsync())!).RootElement;
        Assert.Equal("Hello", first.GetProperty("response").GetString());
        Assert.False(first.GetProperty("done").GetBoolean());
        Assert.False(first.TryGetProperty("total_duration", out _));

        gate.SetResult();
        var lines = new List<JsonElement>();
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Add(JsonDocument.Parse(line).RootElement);
        }
        Assert.Equal(2, lines.Count);
        Assert.Equal(" world", lines[0].GetProperty("response").GetString());
        var final = lines[^1];
        Assert.True(final.GetProperty("done").GetBoolean());
        Assert.Equal("stop", final.GetProperty("done_reason").GetString());
        Assert.Equal("", final.GetProperty("response").GetString());
        Assert.Equal([1, 2, 3], final.GetProperty("context").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(final.GetProperty("total_duration").GetInt64() > 0);
        Assert.True(final.GetProperty("load_duration").GetInt64() > 0);
        Assert.Equal(3, final.GetProperty("prompt_eval_count").GetInt32());
        Assert.Equal(1000, final.GetProperty("prompt_eval_duration").GetInt64());
        Assert.Equal(2, final.GetProperty("eval_count").GetInt32());
        Assert.Equal(2000, final.GetProperty("eval_duration").GetInt64());
        Assert.EndsWith("Z", final.GetProperty("created_at").GetString());
        Assert.Equal("[system:][think:False]hi", server.Runners.Last.Requests[0].Prompt);
    }

    [Fact]
    public async Task LocalSuffixIsStrippedAndTheNameEchoedAsGiven()
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.PostAsync("/api/generate", "{\"model\":\"tiny:latest:local\",\"prompt\":\"hi\",\"stream\":false}");
        Assert.StartsWith("{\"model\":\"tiny:latest:local\",", await response.Content.ReadAsStringAsync());
        Assert.Single(server.Runners.Loads);
    }

    [Fact]
    public async Task StreamFalseReturnsOneObjectWithTheSameText()
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.PostAsync("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"hi\",\"stream\":false}");
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Hello world", body.GetProperty("response").GetString());
        Assert.True(body.GetProperty("done").GetBoolean());
        Assert.Equal(2, body.GetProperty("eval_count").GetInt32());
    }

    [Fact]
    public async Task ChatStreamsAssistantMessagesAndAggregates()
    {
        await using var server = await ServerHarness.StartAsync();
        server.Catalog.Replace("tiny", model => model with { System = "be brief", Messages = [new() { Role = "user", Content = "earlier" }] });
        var streamed = await server.PostAsync("/api/chat", "{\"model\":\"tiny\",\"messages\":[{\"role\":\"USER\",\"content\":\"hi\"}]}");
        var lines = (await streamed.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("{\"model\":\"tiny\",\"created_at\":\"", lines[0]);
        Assert.EndsWith("\"message\":{\"role\":\"assistant\",\"content\":\"Hello\"},\"done\":false}", lines[0]);
        Assert.Contains("\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,\"total_duration\":", lines[2]);
        Assert.Equal("<system>be brief<user>earlier<user>hi[tools:0][think:False]", server.Runners.Last.Requests[0].Prompt);

        var single = await server.PostAsync("/api/chat", "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false}");
        var body = JsonDocument.Parse(await single.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Hello world", body.GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task ErrorAfterFirstByteIsAFinalErrorLine()
    {
        await using var server = await ServerHarness.StartAsync(runner: runner => runner.FailAfterFirstChunk = "decode failed");
        var response = await server.PostAsync("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"hi\"}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("{\"error\":\"decode failed\"}", lines[1]);
    }

    [Fact]
    public async Task ErrorBeforeFirstByteIsAStatusAndErrorBody()
    {
        await using var server = await ServerHarness.StartAsync(runner: runner => runner.FailBeforeStart = new InvalidOperationException("no memory"));
        var response = await server.PostAsync("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"hi\"}");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("{\"error\":\"no memory\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LoadAndUnloadAnswersAreSingleObjects()
    {
        await using var server = await ServerHarness.StartAsync();
        var load = await server.PostAsync("/api/generate", "{\"model\":\"tiny\"}");
        Assert.Matches("^\\{\"model\":\"tiny\",\"created_at\":\"[^\"]+\",\"response\":\"\",\"done\":true,\"done_reason\":\"load\"\\}$",
            await load.Content.ReadAsStringAsync());
        Assert.Single(server.Runners.Loads);
        var chatLoad = await server.PostAsync("/api/chat", "{\"model\":\"tiny\",\"messages\":[]}");
        Assert.Matches("\"message\":\\{\"role\":\"assistant\",\"content\":\"\"\\},\"done_reason\":\"load\",\"done\":true\\}$",
            await chatLoad.Content.ReadAsStringAsync());
        Assert.Single(server.Runners.Loads);

        var unload = await server.PostAsync("/api/generate", "{\"model\":\"tiny\",\"keep_alive\":0}");
        Assert.Contains("\"done_reason\":\"unload\"", await unload.Content.ReadAsStringAsync());
        Assert.True(server.Runners.Last.Disposed);
        Assert.Equal("{\"models\":[]}", await server.Client.GetStringAsync("/api/ps"));
    }

    [Fact]
    public async Task DebugRenderOnlyReturnsThePromptWithoutGenerating()
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.PostAsync("/api/generate", "{\"model\":\"thinker\",\"prompt\":\"hi\",\"system\":\"sys\",\"_debug_render_only\":true}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.GetProperty("done").GetBoolean());
        Assert.Equal("[system:sys][think:True]hi", body.GetProperty("_debug_info").GetProperty("rendered_template").GetString());
        Assert.Empty(server.Runners.Last.Requests);
    }

    [Fact]
    public async Task ContextIsDetokenizedAndPrependedAndRawReturnsNoContext()
    {
        await using var server = await ServerHarness.StartAsync();
        await server.PostAsync("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"hi\",\"context\":[7,8],\"stream\":false}");
        Assert.Equal("[ctx:7,8][system:][think:False]hi", server.Runners.Last.Requests[0].Prompt);
        var raw = await server.PostAsync("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"hi\",\"raw\":true,\"stream\":false}");
        Assert.DoesNotContain("\"context\"", await raw.Content.ReadAsStringAsync());
        Assert.Equal("hi", server.Runners.Last.Requests[1].Prompt);
    }

    [Fact]
    public async Task OptionsFormatAndLogprobsReachTheRunner()
    {
        await using var server = await ServerHarness.StartAsync();
        await server.PostAsync("/api/generate",
            "{\"model\":\"tiny\",\"prompt\":\"hi\",\"format\":{\"type\":\"object\"},\"top_logprobs\":3,\"options\":{\"temperature\":0,\"num_predict\":5,\"stop\":[\"x\"]},\"stream\":false}");
        var request = server.Runners.Last.Requests[0];
        Assert.Equal("schema-grammar:{\"type\":\"object\"}", request.Grammar);
        Assert.True(request.Logprobs);
        Assert.Equal(3, request.TopLogprobs);
        Assert.Equal(0f, request.Sampling.Temperature);
        Assert.Equal(5, request.NumPredict);
        Assert.Equal(["x"], request.Stop);
    }

    [Fact]
    public async Task EmbedNormalizesTruncatesDimensionsAndReportsCounts()
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.PostAsync("/api/embed", "{\"model\":\"embedder\",\"input\":[\"a\",\"b\"],\"dimensions\":1}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("embedder", body.GetProperty("model").GetString());
        Assert.Equal(2, body.GetProperty("embeddings").GetArrayLength());
        Assert.Equal(1f, body.GetProperty("embeddings")[0][0].GetSingle());
        Assert.Equal(4, body.GetProperty("prompt_eval_count").GetInt32());

        var empty = await server.PostAsync("/api/embed", "{\"model\":\"embedder\",\"input\":\"\"}");
        Assert.Equal("{\"model\":\"embedder\",\"embeddings\":[]}", await empty.Content.ReadAsStringAsync());

        var legacy = await server.PostAsync("/api/embeddings", "{\"model\":\"embedder\",\"prompt\":\"a\"}");
        Assert.Equal("{\"embedding\":[3,4,0]}", await legacy.Content.ReadAsStringAsync());
        var legacyEmpty = await server.PostAsync("/api/embeddings", "{\"model\":\"embedder\"}");
        Assert.Equal("{\"embedding\":[]}", await legacyEmpty.Content.ReadAsStringAsync());
    }
}
