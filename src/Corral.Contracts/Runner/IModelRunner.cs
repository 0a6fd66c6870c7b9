namespace Corral.Contracts.Runner;

/// <summary>
/// What a loaded model can do. The engine implements it in-process, the runner process serves it over its
/// local protocol, and the server's runner client implements it over that protocol, so the scheduler and the
/// endpoints never know which side of the process boundary they talk to (and tests can put a fake here for
/// HTTP-shape tests).
/// </summary>
public interface IModelRunner : IAsyncDisposable
{
    /// <summary>
    /// Streams generated text. Cancelling <paramref name="cancellationToken"/> frees the request's slot and KV
    /// cells. Failures before the first chunk throw; after it, they arrive as a chunk with Error set.
    /// </summary>
    IAsyncEnumerable<CompletionChunk> CompleteAsync(CompletionRequest request, CancellationToken cancellationToken);

    Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken);

    Task<TokenizeResponse> TokenizeAsync(TokenizeRequest request, CancellationToken cancellationToken);

    Task<DetokenizeResponse> DetokenizeAsync(DetokenizeRequest request, CancellationToken cancellationToken);

    Task<RunnerStatus> GetStatusAsync(CancellationToken cancellationToken);
}
