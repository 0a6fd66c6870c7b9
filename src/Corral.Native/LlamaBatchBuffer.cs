namespace Corral.Native;

/// <summary>
/// One <c>llama_batch</c> allocated once (<c>llama_batch_init</c>) and refilled every loop iteration; each token
/// belongs to exactly one sequence.
/// </summary>
public sealed unsafe class LlamaBatchBuffer : IDisposable
{
    private LlamaBatch _batch;
    private bool _disposed;

    public LlamaBatchBuffer(int capacity, int embeddingSize = 0)
    {
        LlamaBackend.EnsureInitialized();
        Capacity = capacity;
        EmbeddingSize = embeddingSize;
        _batch = LlamaApi.BatchInit(capacity, embeddingSize, 1);
    }

    public int Capacity { get; }

    /// <summary>Floats per position of an embedding batch; 0 for a token batch.</summary>
    public int EmbeddingSize { get; }

    public int Count => _batch.NTokens;

    public LlamaBatch Batch => _batch;

    public void Clear() => _batch.NTokens = 0;

    /// <summary>Appends a token; returns its index in the batch (the index to read its logits with).</summary>
    public int Add(int token, int position, int sequence, bool wantLogits)
    {
        var i = _batch.NTokens;
        if (i >= Capacity)
        {
            throw new InvalidOperationException($"batch is full ({Capacity} tokens)");
        }

        _batch.Token[i] = token;
        return Place(i, position, sequence, wantLogits);
    }

    /// <summary>Appends one input embedding (an embedding batch: <see cref="EmbeddingSize"/> floats); returns its
    /// index in the batch.</summary>
    public int Add(ReadOnlySpan<float> embedding, int position, int sequence, bool wantLogits)
    {
        var i = _batch.NTokens;
        if (i >= Capacity || embedding.Length != EmbeddingSize)
        {
            throw new InvalidOperationException($"batch is full ({Capacity}) or the embedding is not {EmbeddingSize} wide");
        }

        embedding.CopyTo(new Span<float>(_batch.Embd + (long)i * EmbeddingSize, EmbeddingSize));
        return Place(i, position, sequence, wantLogits);
    }

    /// <summary>Fills entry <paramref name="i"/>'s position, sequence and logits flag and appends it.</summary>
    private int Place(int i, int position, int sequence, bool wantLogits)
    {
        _batch.Pos[i] = position;
        _batch.NSeqId[i] = 1;
        _batch.SeqId[i][0] = sequence;
        _batch.Logits[i] = wantLogits ? (sbyte)1 : (sbyte)0;
        _batch.NTokens = i + 1;
        return i;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        LlamaApi.BatchFree(_batch);
        GC.SuppressFinalize(this);
    }

    ~LlamaBatchBuffer()
    {
        Dispose();
    }
}
