using Corral.Contracts.Runner;

namespace Corral.Engine.Tests;

/// <summary>Waits for an engine state by asking for the status again and again: each answer is taken between two
/// decodes, so no state lasting several decodes is missed, and no test depends on how long a decode takes.</summary>
internal static class StatusPolling
{
    public static async Task<RunnerStatus> UntilAsync(LlamaModelRunner runner, Func<RunnerStatus, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var status = await runner.GetStatusAsync(timeout.Token);
            if (condition(status))
            {
                return status;
            }
        }
    }
}
