using Corral.Contracts.Runner;

namespace Corral.Engine;

internal sealed class EmbedWork(EmbeddingRequest request, CancellationToken cancellation) : ControlWork
{
    public TaskCompletionSource<EmbeddingResponse> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Execute(BatchLoop loop)
    {
        try
        {
            cancellation.ThrowIfCancellationRequested();
            Result.TrySetResult(loop.Embeddings.Embed(request, cancellation));
        }
        catch (Exception error)
        {
            Fail(error);
        }
    }

    public override void Fail(Exception error) => Result.TrySetException(error);
}
