namespace Corral.Server.Runners;

/// <summary>A runner could not load its model: the runner's own error, or its exit with the tail of its stderr.</summary>
public sealed class RunnerLoadException(string message) : Exception(message);
