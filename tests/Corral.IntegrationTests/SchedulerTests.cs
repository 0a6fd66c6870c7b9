using Corral.IntegrationTests.Infrastructure;
using Corral.Server.Runners;

namespace Corral.IntegrationTests;

/// <summary>The scheduler on real runner processes (reference §6): eviction, parallel slots, the queue bound, disconnects.</summary>
public sealed class SchedulerTests
{
    private static string Generate(string model, string prompt, int numPredict, bool stream = false) =>
        $$$"""{"model":"{{{model}}}","prompt":"{{{prompt}}}","stream":{{{(stream ? "true" : "false")}}},"options":{"temperature":0,"seed":3,"num_predict":{{{numPredict}}}}}""";

    [Fact]
    public async Task MaxLoadedModelsOneEvictsTheIdleModel()
    {
        await using var server = await RealServer.StartAsync(config => config with { MaxLoadedModels = 1 });
        await server.CreateModelAsync("one", TestPaths.Llama2Fixture);
        await server.CreateModelAsync("two", TestPaths.Llama3Fixture, RealServer.SmallContext());

        Assert.Equal(200, (await server.PostJsonAsync("api/generate", Generate("one", "hi", 2))).Status);
        Assert.Equal(200, (await server.PostJsonAsync("api/generate", Generate("two", "hi", 2))).Status);

        var (_, ps) = await server.GetJsonAsync("api/ps");
        Assert.Equal("two:latest", Assert.Single(ps.GetProperty("models").EnumerateArray()).GetProperty("name").GetString());
        await GenerateTests.WaitUntilAsync(() => RunnerProcessInfo.InStore(server.StorePath).Count == 1);
    }

    [Fact]
    public async Task StoppingTheServerStopsItsRunners()
    {
        string store;
        await using (var server = await RealServer.StartAsync())
        {
            store = server.StorePath;
            await server.CreateModelAsync("tiny", TestPaths.Llama2Fixture);
            Assert.Equal(200, (await server.PostJsonAsync("api/generate", """{"model":"tiny"}""")).Status);
            Assert.Single(RunnerProcessInfo.InStore(store));
        }

        await GenerateTests.WaitUntilAsync(() => RunnerProcessInfo.InStore(store).Count == 0);
    }

    [Fact]
    public async Task EightConcurrentRequestsOnFourSlotsAllAnswerLikeOneAtATime()
    {
        await using var server = await RealServer.StartAsync(config => config with { NumParallel = 4 });
        await server.CreateModelAsync("tiny", TestPaths.Llama3Fixture, RealServer.SmallContext());
        var prompts = Enumerable.Range(0, 8).Select(i => $"Request number {i}").ToList();
        var expected = new List<string>();
        foreach (var prompt in prompts)
        {
            expected.Add((await server.PostJsonAsync("api/generate", Generate("tiny", prompt, 5))).Body.GetProperty("response").GetString()!);
        }

        var concurrent = await Task.WhenAll(prompts.Select(prompt => server.PostJsonAsync("api/generate", Generate("tiny", prompt, 5))));

        Assert.All(concurrent, result => Assert.Equal(200, result.Status));
        Assert.Equal(expected, concurrent.Select(result => result.Body.GetProperty("response").GetString()));
        var runner = Assert.Single(RunnerProcessInfo.InStore(server.StorePath));
        await using var client = new RunnerClient(runner.SocketPath);
        var status = await client.GetStatusAsync(CancellationToken.None);
        Assert.Equal(4, status.Parallel);
        Assert.True(status.MaxSequencesPerBatch > 1, "concurrent requests shared a batch");
    }

    [Fact]
    public async Task MaxQueueTwoRejectsTheOverflowWith503()
    {
        await using var server = await RealServer.StartAsync(config => config with { NumParallel = 1, MaxQueue = 2 });
        await server.CreateModelAsync("tiny", TestPaths.Llama3Fixture, RealServer.SmallContext());
        Assert.Equal(200, (await server.PostJsonAsync("api/generate", """{"model":"tiny"}""")).Status);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => server.PostJsonAsync("api/generate", Generate("tiny", $"q{i}", 48))));

        var busy = results.Where(r => r.Status == 503).ToList();
        var answered = results.Where(r => r.Status == 200).ToList();
        Assert.Equal(8, busy.Count + answered.Count);
        Assert.NotEmpty(busy);
        Assert.True(answered.Count >= 2, $"at least the queued requests are answered, got {answered.Count}");
        Assert.All(busy, r => Assert.Equal("server busy, please try again.  maximum pending requests exceeded", r.Body.GetProperty("error").GetString()));
        Assert.All(answered, r => Assert.Equal(48, r.Body.GetProperty("eval_count").GetInt32()));
    }

    [Fact]
    public async Task ClientDisconnectMidStreamFreesTheSlot()
    {
        await using var server = await RealServer.StartAsync(config => config with { NumParallel = 1 });
        await server.CreateModelAsync("tiny", TestPaths.Llama3Fixture, RealServer.SmallContext());

        using (var cancel = new CancellationTokenSource())
        {
            using var response = await server.PostStreamingAsync("api/generate", Generate("tiny", "Tell me everything", 200, stream: true), cancel.Token);
            await using var lines = RealServer.StreamLinesAsync(response, cancel.Token).GetAsyncEnumerator(cancel.Token);
            Assert.True(await lines.MoveNextAsync());
            Assert.True(await lines.MoveNextAsync());
            await cancel.CancelAsync();
        }

        var runner = Assert.Single(RunnerProcessInfo.InStore(server.StorePath));
        await using var client = new RunnerClient(runner.SocketPath);
        await GenerateTests.WaitUntilAsync(() => client.GetStatusAsync(CancellationToken.None).GetAwaiter().GetResult().Slots.All(slot => slot.State == "idle"));
        // With its only slot free again, the next request is served at once.
        var (status, body) = await server.PostJsonAsync("api/generate", Generate("tiny", "next", 3));
        Assert.Equal(200, status);
        Assert.Equal(3, body.GetProperty("eval_count").GetInt32());
    }
}
