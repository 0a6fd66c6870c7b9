using System.Text.Json;
using Corral.Server.Tests.Fakes;

namespace Corral.OpenAI.Tests;

/// <summary>Legacy <c>/v1/completions</c> over native generate (the SDK no longer has a client for it, so raw HTTP).</summary>
public sealed class CompletionsTests
{
    [Fact]
    public async Task NonStreamAnswersTextCompletionWithEcho()
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.PostAsync("/v1/completions",
            "{\"model\":\"tiny\",\"prompt\":\"Say:\",\"echo\":true,\"max_tokens\":5,\"stop\":\"x\",\"suffix\":\"end\"}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("text_completion", body.GetProperty("object").GetString());
        Assert.StartsWith("cmpl-", body.GetProperty("id").GetString());
        var choice = body.GetProperty("choices")[0];
        Assert.Equal("Say:Hello world", choice.GetProperty("text").GetString());
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(5, body.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Equal(5, server.Runners.Last.Requests[0].NumPredict);
        Assert.Equal(["x"], server.Runners.Last.Requests[0].Stop);
    }

    [Fact]
    public async Task StreamSendsChunksUsageAndDone()
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.PostAsync("/v1/completions",
            "{\"model\":\"tiny\",\"prompt\":\"Say:\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        var frames = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("data: [DONE]", frames[^1]);
        var chunks = frames[..^1].Select(frame => JsonDocument.Parse(frame["data: ".Length..]).RootElement).ToList();
        Assert.Equal("Hello world", string.Concat(chunks.Where(chunk => chunk.GetProperty("choices").GetArrayLength() > 0)
            .Select(chunk => chunk.GetProperty("choices")[0].GetProperty("text").GetString())));
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(5, chunks[^1].GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task MidStreamRunnerFailureBecomesAnErrorFrame()
    {
        await using var server = await ServerHarness.StartAsync(runner: runner => runner.FailAfterFirstChunk = "boom");
        var response = await server.PostAsync("/v1/completions", "{\"model\":\"tiny\",\"prompt\":\"x\",\"stream\":true}");
        var frames = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("boom", JsonDocument.Parse(frames[^1]["data: ".Length..]).RootElement.GetProperty("error").GetProperty("message").GetString());
    }
}
