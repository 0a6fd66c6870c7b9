using Corral.Contracts.Runner;

namespace Corral.Server.Runners;

/// <summary>A loaded model served by a runner that can stop on its own (crash, OOM, kill -9).</summary>
public interface IRunningRunner : IModelRunner
{
    /// <summary>Completes when the runner has stopped, for any reason; the scheduler then marks the model unloaded.</summary>
    Task Exited { get; }
}
