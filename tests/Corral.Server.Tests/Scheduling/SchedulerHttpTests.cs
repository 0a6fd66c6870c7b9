using System.Net;
using System.Text.Json;
using Corral.Server.Scheduling;
using Corral.Server.Tests.Fakes;

namespace Corral.Server.Tests.Scheduling;

/// <summary>Scheduler behaviour through HTTP on real Kestrel (reference section 6, issue 3 acceptance 3).</summary>
public sealed class SchedulerHttpTests
{
    private const string Hi = "{\"model\":\"tiny\",\"prompt\":\"hi\",\"stream\":false}";

    [Fact]
    public async Task TwoModelsWithMaxLoadedOneEvictEachOther()
    {
        await using var server = await ServerHarness.StartAsync(config => config with { MaxLoadedModels = 1 });
        await server.PostAsync("/api/generate", Hi);
        var tiny = server.Runners.Last;
        await server.PostAsync("/api/generate", "{\"model\":\"other\",\"prompt\":\"hi\",\"stream\":false}");
        Assert.True(tiny.Disposed);
        var other = server.Runners.Last;
        await server.PostAsync("/api/generate", Hi);
        Assert.True(other.Disposed);
        Assert.Equal(3, server.Runners.Loads.Count);
        var ps = JsonDocument.Parse(await server.Client.GetStringAsync("/api/ps")).RootElement.GetProperty("models");
        Assert.Equal("tiny:latest", ps.EnumerateArray().Single().GetProperty("name").GetString());
    }

    [Fact]
    public async Task ModelsAreSharedAcrossRequestsAndSamplingOptionsDoNotReload()
    {
        await using var server = await ServerHarness.StartAsync();
        await server.PostAsync("/api/generate", Hi);
        await server.PostAsync("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"hi\",\"stream\":false,\"options\":{\"temperature\":0.1,\"seed\":3,\"num_ctx\":2048}}");
        await server.PostAsync("/api/chat", "{\"model\":\"tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":false}");
        Assert.Single(server.Runners.Loads);
        await server.PostAsync("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"hi\",\"stream\":false,\"options\":{\"num_ctx\":8192}}");
        Assert.Equal(2, server.Runners.Loads.Count);
        Assert.Equal(8192, server.Runners.Loads[1].Options.NumCtx);
        await server.PostAsync("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"hi\",\"stream\":false,\"options\":{\"num_batch\":128}}");
        Assert.Equal(3, server.Runners.Loads.Count);
    }

    [Fact]
    public async Task AVisionModelLoadsWithAtLeast2048TokensOfContextAndOthersWithAtLeast4()
    {
        await using var server = await ServerHarness.StartAsync();
        server.Catalog.Add("seer", "completion", "vision");
        await server.PostAsync("/api/generate", "{\"model\":\"seer\",\"prompt\":\"hi\",\"stream\":false,\"options\":{\"num_ctx\":512}}");
        Assert.Equal(2048, server.Runners.Loads[^1].Options.NumCtx);
        // The raised value is what the loaded runner is compared with, so asking for 512 again reuses it.
        await server.PostAsync("/api/generate", "{\"model\":\"seer\",\"prompt\":\"hi\",\"stream\":false,\"options\":{\"num_ctx\":512}}");
        Assert.Single(server.Runners.Loads);

        await server.PostAsync("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"hi\",\"stream\":false,\"options\":{\"num_ctx\":1}}");
        Assert.Equal(4, server.Runners.Loads[^1].Options.NumCtx);
        await server.PostAsync("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"hi\",\"stream\":false,\"options\":{\"num_ctx\":512}}");
        Assert.Equal(512, server.Runners.Loads[^1].Options.NumCtx);
    }

    [Fact]
    public async Task KeepAliveSetsExpiryAndUnloadsWhenItPasses()
    {
        await using var server = await ServerHarness.StartAsync();
        await server.PostAsync("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"hi\",\"stream\":false,\"keep_alive\":\"10m\"}");
        var ps = JsonDocument.Parse(await server.Client.GetStringAsync("/api/ps")).RootElement.GetProperty("models")[0];
        Assert.Equal(server.Time.GetUtcNow().AddMinutes(10), ps.GetProperty("expires_at").GetDateTimeOffset());
        Assert.Equal(0, ps.GetProperty("size_vram").GetInt64());
        Assert.Equal(4096, ps.GetProperty("context_length").GetInt32());
        Assert.Equal(1_000_000, ps.GetProperty("size").GetInt64());
        Assert.Equal("gguf", ps.GetProperty("details").GetProperty("format").GetString());

        server.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(server.Runners.Last.Disposed);
        server.Time.Advance(TimeSpan.FromMinutes(2));
        await Eventually(() => server.Runners.Last.Disposed);
        Assert.Equal("{\"models\":[]}", await server.Client.GetStringAsync("/api/ps"));

        await server.PostAsync("/api/generate", Hi);
        Assert.Equal(2, server.Runners.Loads.Count);
    }

    [Fact]
    public async Task DefaultKeepAliveComesFromConfigAndNegativeIsForever()
    {
        await using var server = await ServerHarness.StartAsync(config => config with { KeepAlive = new Corral.Contracts.Ollama.Duration(60_000_000_000) });
        await server.PostAsync("/api/generate", Hi);
        var ps = JsonDocument.Parse(await server.Client.GetStringAsync("/api/ps")).RootElement.GetProperty("models")[0];
        Assert.Equal(server.Time.GetUtcNow().AddMinutes(1), ps.GetProperty("expires_at").GetDateTimeOffset());

        await server.PostAsync("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"hi\",\"stream\":false,\"keep_alive\":-1}");
        ps = JsonDocument.Parse(await server.Client.GetStringAsync("/api/ps")).RootElement.GetProperty("models")[0];
        Assert.True(ps.GetProperty("expires_at").GetDateTimeOffset().Year > 2300);
        server.Time.Advance(TimeSpan.FromDays(3650));
        Assert.False(server.Runners.Last.Disposed);
    }

    [Fact]
    public async Task KeepAliveZeroUnloadsAfterTheResponse()
    {
        await using var server = await ServerHarness.StartAsync();
        var response = await server.PostAsync("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"hi\",\"stream\":false,\"keep_alive\":0}");
        Assert.Contains("Hello world", await response.Content.ReadAsStringAsync());
        await Eventually(() => server.Runners.Last.Disposed);
    }

    [Fact]
    public async Task FullQueueAnswers503AndAdmittedRequestsComplete()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ServerHarness.StartAsync(config => config with { MaxQueue = 2, NumParallel = 1 },
            runner => runner.Gate = gate);
        var first = server.PostAsync("/api/generate", Hi);
        await Eventually(() => server.Runners.Runners.Count == 1 && server.Runners.Last.Requests.Count == 1);
        var scheduler = (Scheduler)server.Server.Services.GetService(typeof(Scheduler))!;

        var others = Enumerable.Range(0, 7).Select(_ => server.PostAsync("/api/generate", Hi)).ToList();
        await Eventually(() => others.Count(task => task.IsCompleted) == 5 && scheduler.Waiting == 2);
        foreach (var rejected in others.Where(task => task.IsCompleted))
        {
            var response = await rejected;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}",
                await response.Content.ReadAsStringAsync());
        }

        gate.SetResult();
        var admitted = others.Where(task => !task.IsCompleted).Append(first).ToList();
        foreach (var response in await Task.WhenAll(admitted))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("\"response\":\"Hello world\"", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(3, admitted.Count);
    }

    [Fact]
    public async Task NumParallelRunsThatManyRequestsAtOnceOnOneRunner()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ServerHarness.StartAsync(config => config with { NumParallel = 2 }, runner => runner.Gate = gate);
        var scheduler = (Scheduler)server.Server.Services.GetService(typeof(Scheduler))!;
        var requests = Enumerable.Range(0, 3).Select(_ => server.PostAsync("/api/generate", Hi)).ToList();
        await Eventually(() => server.Runners.Runners.Count == 1 && server.Runners.Last.Requests.Count == 2 && scheduler.Waiting == 1);
        Assert.Equal(2, server.Runners.Loads[0].Parallel);
        gate.SetResult();
        foreach (var response in await Task.WhenAll(requests))
        {
            Assert.Contains("Hello world", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(3, server.Runners.Last.Requests.Count);
        Assert.Single(server.Runners.Loads);
    }

    [Fact]
    public async Task ClientDisconnectCancelsGenerationAndFreesTheSlot()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ServerHarness.StartAsync(config => config with { NumParallel = 1 }, runner => runner.Gate = gate);
        using (var cancel = new CancellationTokenSource())
        {
            var response = await server.PostStreamingAsync("/api/generate", "{\"model\":\"tiny\",\"prompt\":\"hi\"}", cancel.Token);
            var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
            Assert.Contains("Hello", await reader.ReadLineAsync(cancel.Token));
            cancel.Cancel();
            response.Dispose();
        }
        var runner = server.Runners.Last;
        await Eventually(() => runner.Cancellations == 1);

        runner.Gate = null;
        var next = await server.PostAsync("/api/generate", Hi);
        Assert.Contains("Hello world", await next.Content.ReadAsStringAsync());
        Assert.Single(server.Runners.Loads);
    }

    [Fact]
    public async Task ClientGivingUpWhileQueuedLeavesTheQueue()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ServerHarness.StartAsync(config => config with { NumParallel = 1 }, runner => runner.Gate = gate);
        var scheduler = (Scheduler)server.Server.Services.GetService(typeof(Scheduler))!;
        var first = server.PostAsync("/api/generate", Hi);
        await Eventually(() => server.Runners.Runners.Count == 1 && server.Runners.Last.Requests.Count == 1);
        using var cancel = new CancellationTokenSource();
        var queued = server.PostAsync("/api/generate", Hi, cancel.Token);
        await Eventually(() => scheduler.Waiting == 1);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        await Eventually(() => scheduler.Waiting == 0);
        gate.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await first).StatusCode);
        Assert.Single(server.Runners.Last.Requests);
    }

    [Fact]
    public async Task LoadFailureIs500WithoutTheServerPath()
    {
        await using var server = await ServerHarness.StartAsync();
        server.Runners.FailLoad = "unable to load model";
        var response = await server.PostAsync("/api/generate", Hi);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("{\"error\":\"unable to load model: tiny:latest\"}", await response.Content.ReadAsStringAsync());
        server.Runners.FailLoad = null;
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync("/api/generate", Hi)).StatusCode);
    }

    [Fact]
    public async Task RunnerThatExitsIsLoadedAgainOnTheNextRequest()
    {
        await using var server = await ServerHarness.StartAsync();
        await server.PostAsync("/api/generate", Hi);
        var crashed = server.Runners.Last;
        server.Runners.Crash(crashed);
        await Eventually(() => crashed.Disposed);
        Assert.Equal("{\"models\":[]}", await server.Client.GetStringAsync("/api/ps"));
        var response = await server.PostAsync("/api/generate", Hi);
        Assert.Contains("Hello world", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, server.Runners.Loads.Count);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 10 s");
            await Task.Delay(10);
        }
    }
}
