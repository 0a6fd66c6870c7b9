using Microsoft.Extensions.Logging;

namespace Corral.Server.Runners;

/// <summary>Starts real <c>corral runner</c> processes with the given command.</summary>
public sealed class RunnerProcessLauncher(RunnerCommand command, ILogger<RunnerProcess> logger) : IRunnerLauncher
{
    public async Task<IRunningRunner> StartAsync(RunnerLaunchOptions options, CancellationToken cancellationToken) =>
        await RunnerProcess.StartAsync(command, options, logger, cancellationToken);
}
