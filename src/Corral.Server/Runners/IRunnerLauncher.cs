namespace Corral.Server.Runners;

/// <summary>Starts runners for the scheduler; tests give the scheduler a fake.</summary>
public interface IRunnerLauncher
{
    /// <summary>Starts a runner and returns once its model is loaded. Throws <see cref="RunnerLoadException"/>
    /// when the load fails; cancelling stops the runner.</summary>
    Task<IRunningRunner> StartAsync(RunnerLaunchOptions options, CancellationToken cancellationToken);
}
