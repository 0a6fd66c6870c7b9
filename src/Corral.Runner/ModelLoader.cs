using Corral.Contracts.Runner;

namespace Corral.Runner;

/// <summary>Loads the runner's model; reports load progress (0..1) so /status can show it and the server can
/// tell a slow load from a stalled one.</summary>
public delegate Task<IModelRunner> ModelLoader(RunnerOptions options, IProgress<float> progress, CancellationToken cancellationToken);
