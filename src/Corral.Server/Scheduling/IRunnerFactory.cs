namespace Corral.Server.Scheduling;

/// <summary>Starts a runner for one model (the runner-process launcher is adapted to this).</summary>
public interface IRunnerFactory
{
    /// <summary>Loads <see cref="RunnerStartRequest.Model"/>; throws when the model cannot be loaded.</summary>
    Task<RunnerHandle> StartAsync(RunnerStartRequest request, CancellationToken cancellationToken);
}
