namespace Corral.Engine;

/// <summary>How one model is loaded (load-time options; changing any of them means a new runner).</summary>
public sealed record EngineOptions
{
    /// <summary>
    /// Four slots by default instead of Ollama's 1 (<c>OLLAMA_NUM_PARALLEL</c>): on CPU, decode is bound by
    /// reading the weights once per llama_decode, so 4 sequences in one batch cost little more than one, while
    /// the KV cache for 4 x num_ctx stays small next to the weights for the context sizes Ollama uses.
    /// </summary>
    public const int DefaultParallel = 4;

    public required string ModelPath { get; init; }

    /// <summary>A vision projector GGUF (Ollama's projector layer) loaded with the model through libmtmd, so
    /// requests may carry images; null for a text-only model.</summary>
    public string? ProjectorPath { get; init; }

    /// <summary>
    /// Context length PER SEQUENCE (Ollama's <c>num_ctx</c> semantics). The llama context is allocated with
    /// n_ctx = ContextLength x Parallel and a unified KV buffer, so each slot can hold this many tokens.
    /// 0 = the model's training context.
    /// </summary>
    public int ContextLength { get; init; } = 4096;

    public int Parallel { get; init; } = DefaultParallel;

    /// <summary>num_batch: most prompt tokens evaluated per llama_decode.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>
    /// Ollama's <c>use_mmap</c>. Off unless asked for, as Ollama does for CPU loads ("For CPU loads we want the
    /// memory to be allocated, not FS cache"): weights read into the runner's own memory decode ~14% faster here
    /// than weights left in the mapped file (bench/README.md); mapping loads faster and shares the page cache.
    /// </summary>
    public bool UseMmap { get; init; }

    /// <summary>Decode threads; 0 = physical cores.</summary>
    public int Threads { get; init; }

    /// <summary>An embedding model: no generation context, embeddings use the model's pooling.</summary>
    public bool Embedding { get; init; }

    /// <summary>Waiting completion requests the runner accepts before CompleteAsync waits for room.</summary>
    public int MaxQueuedRequests { get; init; } = 64;
}
