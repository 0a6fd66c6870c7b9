using Corral.Contracts.Runner;

namespace Corral.Server.Scheduling;

/// <summary>A started runner: the runner, a task that completes when it exits, and what it reports for /api/ps.</summary>
public sealed record RunnerHandle(IModelRunner Runner, Task Exited, long SizeBytes, int ContextLength);
