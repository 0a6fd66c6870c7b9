using Corral.Server.Runners;

namespace Corral.Runner.Tests;

/// <summary>Its own class so its seconds of waiting overlap the other test classes.</summary>
public sealed class RunnerLoadTimeoutTests
{
    [Fact]
    public async Task LoadWithoutProgress_TimesOutWithOllamasMessage()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // Long enough for the runner process to start listening on a busy machine, so the stall is the load's.
        var error = await Assert.ThrowsAsync<RunnerLoadException>(() => RunnerProcess.StartAsync(RunnerCommands.FakeModel,
            new RunnerLaunchOptions { ModelPath = "stalled", LoadTimeout = TimeSpan.FromSeconds(6) }, new ListLogger(),
            timeout.Token));

        Assert.Equal("timed out waiting for llama runner to start - progress 0.50 - ", error.Message);
    }
}
