using System.Diagnostics;
using System.Text.Json;
using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests;

/// <summary>Issue 2 acceptance 6: kill -9 of a runner mid-generation ends the stream with an error; the next request reloads.</summary>
public sealed class RunnerCrashTests(ModelFixture fixture) : IClassFixture<ModelFixture>
{
    [Fact]
    public async Task KilledRunnerEndsTheStreamWithAnErrorAndTheNextRequestReloads()
    {
        var server = fixture.Server;
        var request = $$$"""{"model":"{{{fixture.Model}}}","prompt":"Tell me a story","options":{"num_predict":200}}""";
        using var response = await server.PostStreamingAsync("api/generate", request);
        var lines = new List<JsonElement>();
        await foreach (var line in RealServer.StreamLinesAsync(response))
        {
            lines.Add(line);
            if (lines.Count == 2)
            {
                var runner = Assert.Single(RunnerProcessInfo.InStore(server.StorePath));
                Process.GetProcessById(runner.Pid).Kill(); // SIGKILL: no chance to answer or clean up.
            }
        }

        var last = lines[^1];
        Assert.True(last.TryGetProperty("error", out var error), $"last line: {last.GetRawText()}");
        Assert.Contains("runner", error.GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(lines.Count < 200, "generation stopped when the runner died");

        var (status, body) = await server.PostJsonAsync("api/generate",
            $$$"""{"model":"{{{fixture.Model}}}","prompt":"again","stream":false,"options":{"num_predict":3}}""");
        Assert.Equal(200, status);
        Assert.Equal(3, body.GetProperty("eval_count").GetInt32());
        Assert.Single(RunnerProcessInfo.InStore(server.StorePath));
    }
}
