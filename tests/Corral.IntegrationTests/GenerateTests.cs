using System.Text.Json;
using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests;

/// <summary>/api/generate through HTTP on the real Llama-3 fixture and a real runner process (reference §1.2).</summary>
public sealed class GenerateTests(ModelFixture fixture) : IClassFixture<ModelFixture>
{
    private RealServer Server => fixture.Server;

    private string Request(string prompt, bool stream, string extra = "") =>
        $$"""{"model":"{{fixture.Model}}","prompt":"{{prompt}}","stream":{{(stream ? "true" : "false")}},"options":{"temperature":0,"seed":42,"num_predict":6}{{extra}}}""";

    [Fact]
    public async Task StreamAndNonStreamGiveTheSameTextWithMetricsInNanoseconds()
    {
        var (status, single) = await Server.PostJsonAsync("api/generate", Request("Hello there", stream: false));
        Assert.Equal(200, status);

        using var response = await Server.PostStreamingAsync("api/generate", Request("Hello there", stream: true));
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = await RealServer.ReadLinesAsync(response);

        Assert.True(lines.Count >= 2, "a streamed generate has token lines before the final one");
        Assert.All(lines.SkipLast(1), line => Assert.False(line.GetProperty("done").GetBoolean()));
        var streamedText = string.Concat(lines.Select(line => line.GetProperty("response").GetString()));
        Assert.Equal(single.GetProperty("response").GetString(), streamedText);
        Assert.NotEmpty(streamedText);

        var final = lines[^1];
        Assert.True(final.GetProperty("done").GetBoolean());
        Assert.Equal("length", final.GetProperty("done_reason").GetString());
        Assert.Equal(6, final.GetProperty("eval_count").GetInt32());
        Assert.True(final.GetProperty("prompt_eval_count").GetInt32() > 0);
        // Durations are nanoseconds: a real decode of 6 tokens takes well over 1 µs and far less than 10 minutes.
        var total = final.GetProperty("total_duration").GetInt64();
        Assert.InRange(total, 1_000L, 600_000_000_000L);
        Assert.InRange(final.GetProperty("eval_duration").GetInt64(), 1_000L, total);
        Assert.Equal(JsonValueKind.Array, final.GetProperty("context").ValueKind);
    }

    [Fact]
    public async Task EmptyPromptLoadsAndKeepAliveZeroUnloads()
    {
        var (status, loaded) = await Server.PostJsonAsync("api/generate", $$"""{"model":"{{fixture.Model}}"}""");
        Assert.Equal(200, status);
        Assert.Equal("load", loaded.GetProperty("done_reason").GetString());
        Assert.True(loaded.GetProperty("done").GetBoolean());
        var (_, running) = await Server.GetJsonAsync("api/ps");
        Assert.Equal(fixture.Model, Assert.Single(running.GetProperty("models").EnumerateArray()).GetProperty("name").GetString());
        Assert.Single(RunnerProcessInfo.InStore(Server.StorePath));

        var (unloadStatus, unloaded) = await Server.PostJsonAsync("api/generate", $$"""{"model":"{{fixture.Model}}","keep_alive":0}""");
        Assert.Equal(200, unloadStatus);
        Assert.Equal("unload", unloaded.GetProperty("done_reason").GetString());
        var (_, after) = await Server.GetJsonAsync("api/ps");
        Assert.Empty(after.GetProperty("models").EnumerateArray());
        await WaitUntilAsync(() => RunnerProcessInfo.InStore(Server.StorePath).Count == 0);
    }

    [Fact]
    public async Task ContextFromOneAnswerContinuesTheNext()
    {
        var (_, first) = await Server.PostJsonAsync("api/generate", Request("The sky is", stream: false));
        var context = first.GetProperty("context");
        Assert.True(context.GetArrayLength() > first.GetProperty("eval_count").GetInt32(), "context holds the prompt and the answer tokens");

        var (status, second) = await Server.PostJsonAsync("api/generate", Request(" and then", stream: false, $",\"context\":{context.GetRawText()}"));
        Assert.Equal(200, status);
        // The old context is detokenized and prepended, so the new context extends the old one.
        var next = second.GetProperty("context").EnumerateArray().Select(t => t.GetInt32()).ToList();
        Assert.True(next.Count > context.GetArrayLength());
        // Only the new text is evaluated: the runner reuses the cached prefix of the previous turn.
        Assert.True(second.GetProperty("prompt_eval_count").GetInt32() < context.GetArrayLength(),
            $"prompt_eval_count {second.GetProperty("prompt_eval_count")} should be below the {context.GetArrayLength()} cached tokens");
    }

    [Fact]
    public async Task ConcurrentRequestsSharingAPrefixEvaluateItOnce()
    {
        var prefix = "Shared rules: " + string.Join(' ', Enumerable.Range(0, 30).Select(i => $"Rule {i} applies.")) + ".";
        var answers = await Task.WhenAll(new[] { "apple", "river", "violet", "harbor" }.Select(async topic =>
        {
            var (status, body) = await Server.PostJsonAsync("api/generate", Request($"{prefix} {topic} is the topic", stream: false));
            Assert.Equal(200, status);
            return body;
        }));

        // The context is the templated prompt's tokens followed by the eval_count generated ones.
        var prompts = answers.Select(a => a.GetProperty("context").EnumerateArray().Select(t => t.GetInt32()).SkipLast(a.GetProperty("eval_count").GetInt32()).ToArray()).ToArray();
        var common = prompts.Min(p => p.AsSpan().CommonPrefixLength(prompts[0]));
        Assert.True(common > 100, $"common prefix {common}");
        // At most one request evaluated the shared prefix; the others waited for its KV cells and copied them.
        var evaluatedThePrefix = answers.Zip(prompts).Count(pair => pair.First.GetProperty("prompt_eval_count").GetInt32() > pair.Second.Length - common);
        Assert.True(evaluatedThePrefix <= 1, string.Join(", ", answers.Select(a => a.GetProperty("prompt_eval_count").GetInt32())) + $" prompt tokens evaluated, {common} shared");
    }

    [Fact]
    public async Task SmallerNumCtxCapsTheRequestInsideTheLoadedContext()
    {
        var (warmStatus, _) = await Server.PostJsonAsync("api/generate", Request("warm up", stream: false));
        Assert.Equal(200, warmStatus);
        var runner = Assert.Single(RunnerProcessInfo.InStore(Server.StorePath));

        var longPrompt = string.Join(' ', Enumerable.Repeat("word", 100));
        var (status, body) = await Server.PostJsonAsync("api/generate",
            $$$"""{"model":"{{{fixture.Model}}}","prompt":"{{{longPrompt}}}","stream":false,"options":{"temperature":0,"num_predict":40,"num_ctx":32}}""");
        Assert.Equal(200, status);
        // The prompt was cut to the request's 32 tokens, generation shifted inside them, and the runner loaded
        // with num_ctx 256 kept serving: a smaller num_ctx is a cap, not a reload.
        Assert.InRange(body.GetProperty("prompt_eval_count").GetInt32(), 1, 32);
        Assert.Equal(40, body.GetProperty("eval_count").GetInt32());
        Assert.Equal(runner.Pid, Assert.Single(RunnerProcessInfo.InStore(Server.StorePath)).Pid);
        var (_, running) = await Server.GetJsonAsync("api/ps");
        Assert.Equal(256, Assert.Single(running.GetProperty("models").EnumerateArray()).GetProperty("context_length").GetInt32());
    }

    [Fact]
    public async Task UnknownModelIs404AndServerKeepsServing()
    {
        var (status, body) = await Server.PostJsonAsync("api/generate", """{"model":"missing","prompt":"hi"}""");
        Assert.Equal(404, status);
        Assert.Equal("model 'missing' not found", body.GetProperty("error").GetString());
        var (okStatus, _) = await Server.PostJsonAsync("api/generate", Request("hi", stream: false));
        Assert.Equal(200, okStatus);
    }

    [Fact]
    public async Task TheRunnerReadsTheWeightsIntoMemoryUnlessUseMmapAsksForAMapping()
    {
        var (status, _) = await Server.PostJsonAsync("api/generate", Request("read", stream: false));
        Assert.Equal(200, status);
        var reading = Assert.Single(RunnerProcessInfo.InStore(Server.StorePath));
        Assert.False(MapsFile(reading.Pid, reading.ModelPath));

        var (mappedStatus, _) = await Server.PostJsonAsync("api/generate",
            $$$"""{"model":"{{{fixture.Model}}}","prompt":"map","stream":false,"options":{"num_predict":2,"use_mmap":true}}""");

        Assert.Equal(200, mappedStatus);
        // use_mmap is a load-time option: the model was loaded again, by a runner that maps the blob.
        var mapping = Assert.Single(RunnerProcessInfo.InStore(Server.StorePath), r => r.Pid != reading.Pid);
        Assert.True(MapsFile(mapping.Pid, mapping.ModelPath));
    }

    private static bool MapsFile(int pid, string path) =>
        File.ReadLines($"/proc/{pid}/maps").Any(line => line.EndsWith(path, StringComparison.Ordinal));

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 20 s");
            await Task.Delay(100);
        }
    }
}
