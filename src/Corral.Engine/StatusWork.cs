using Corral.Contracts.Runner;

namespace Corral.Engine;

internal sealed class StatusWork : ControlWork
{
    public TaskCompletionSource<RunnerStatus> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Execute(BatchLoop loop) => Result.TrySetResult(loop.Snapshot());

    public override void Fail(Exception error) => Result.TrySetException(error);
}
