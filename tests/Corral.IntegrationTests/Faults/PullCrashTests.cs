using System.Text.Json;
using Corral.IntegrationTests.Infrastructure;
using Corral.Registry.Tests;
using Xunit.Abstractions;

namespace Corral.IntegrationTests.Faults;

/// <summary>
/// Issue 11 acceptance 4 for pulls: <c>corral serve</c> is SIGKILLed at seeded random points of a pull from a real
/// docker-registry; after each restart the store is consistent, the earlier model is intact, and pulling again
/// completes (reusing the committed layers and partial file, re-verifying every digest) and the model generates.
/// </summary>
public sealed class PullCrashTests(DockerRegistryFixture registry, ITestOutputHelper output) : IClassFixture<DockerRegistryFixture>
{
    // With the 9 create runs, more than the 20 kills the acceptance asks for.
    private const int Runs = 11;

    [Fact]
    public async Task KillDuringPullLeavesNoHalfBlobAndTheNextPullCompletes()
    {
        var seed = FaultSeed.Get(20261203);
        var name = $"{registry.Host}/corral/crash:latest";
        await PushAsync(name);
        await using var harness = await CrashHarness.StartAsync();
        var duration = await harness.TimeAsync(client => PullAsync(client, name));
        await harness.DeleteAsync(name);

        var random = new Random(seed);
        var resumed = 0;
        for (var run = 0; run < Runs; run++)
        {
            // Up to 20% past the undisturbed duration, so some kills land after the pull committed.
            var delay = duration * (random.NextDouble() * 1.2);
            var context = $"{FaultSeed.Replay(seed, run)}, killed after {delay.TotalMilliseconds:F0} ms of ~{duration.TotalMilliseconds:F0} ms";
            await harness.KillDuringAsync(client => PullAsync(client, name), delay);
            harness.AssertConsistent(context);
            var partials = StoreConsistency.LeftoverFiles(harness.ModelsPath).Where(f => f.EndsWith("-partial", StringComparison.Ordinal)).ToList();

            var lines = await PullAsync(harness.Server.Client, name);
            resumed += StartedFromDisk(lines) ? 1 : 0;
            Assert.Contains(lines, l => l.GetProperty("status").GetString() == "verifying sha256 digest");
            harness.AssertConsistent(context + ", after the repeated pull");
            // A partial download left by the kill is either reused by the repeated pull or still not a final name.
            Assert.DoesNotContain(StoreConsistency.LeftoverFiles(harness.ModelsPath), f => f.StartsWith("sha256-", StringComparison.Ordinal)
                && f.EndsWith("-partial", StringComparison.Ordinal));
            // Each run's blobs are hash-checked above; loading a runner is what costs, so the last run loads.
            if (run == Runs - 1)
            {
                await harness.AssertGeneratesAsync(name, context);
            }
            output.WriteLine($"{context}: partial files after the kill: {partials.Count}");
            await harness.DeleteAsync(name);
        }
        output.WriteLine($"{resumed} of {Runs} repeated pulls started from bytes already on disk");
    }

    // A layer's first progress line reports completed > 0 when its bytes (committed blob or partial file) were reused.
    private static bool StartedFromDisk(IReadOnlyList<JsonElement> lines) =>
        lines.Where(l => l.GetProperty("status").GetString()!.StartsWith("pulling ", StringComparison.Ordinal) && l.TryGetProperty("digest", out _))
            .GroupBy(l => l.GetProperty("digest").GetString())
            .Any(layer => layer.First().TryGetProperty("completed", out var completed) && completed.GetInt64() > 0);

    /// <summary>Pulls through the streaming API; fails unless the last line is success.</summary>
    private static async Task<IReadOnlyList<JsonElement>> PullAsync(HttpClient client, string name)
    {
        using var response = await client.PostAsync("api/pull", RealServer.Json($$"""{"model":"{{name}}","insecure":true}"""));
        var lines = await RealServer.ReadLinesAsync(response);
        Assert.Equal("success", lines[^1].TryGetProperty("status", out var status) ? status.GetString() : lines[^1].GetRawText());
        return lines;
    }

    // The 24 MB F16 fixture, so the download and its verification last long enough for kills to land inside them.
    private static async Task PushAsync(string name)
    {
        await using var server = await RealServer.StartAsync();
        await server.CreateModelAsync(name, TestPaths.Llama3Fixture, RealServer.SmallContext());
        using var push = await server.PostAsync("api/push", $$"""{"model":"{{name}}","insecure":true}""");
        Assert.Equal("success", (await RealServer.ReadLinesAsync(push))[^1].GetProperty("status").GetString());
    }
}
