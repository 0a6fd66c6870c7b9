namespace Corral.Fixtures;

/// <summary>
/// Hyperparameters of a llama-architecture model. The vocabulary size comes from the copied tokenizer.
/// <see cref="Llama32OneB"/> is the Llama-3.2-1B shape the benchmark uses (1.24B parameters with tied embeddings).
/// </summary>
public sealed record LlamaModelShape
{
    public static LlamaModelShape Llama32OneB { get; } = new()
    {
        EmbeddingLength = 2048, BlockCount = 16, HeadCount = 32, HeadCountKv = 8, FeedForwardLength = 8192,
        ContextLength = 131072, TiedEmbeddings = true,
    };

    public int EmbeddingLength { get; init; } = 64;

    public int BlockCount { get; init; } = 2;

    public int HeadCount { get; init; } = 4;

    public int HeadCountKv { get; init; } = 4;

    public int FeedForwardLength { get; init; } = 128;

    public int ContextLength { get; init; } = 2048;

    /// <summary>No output.weight: llama.cpp then projects logits with token_embd (as Llama-3.2-1B does).</summary>
    public bool TiedEmbeddings { get; init; }

    public TensorType FileType { get; init; } = TensorType.F16;

    public float RopeFreqBase { get; init; } = 500000f;

    public float RmsNormEpsilon { get; init; } = 1e-5f;

    public int HeadDimension => EmbeddingLength / HeadCount;

    /// <summary>Throws <see cref="ArgumentException"/> for shapes llama.cpp cannot load.</summary>
    public void Validate()
    {
        if (EmbeddingLength <= 0 || BlockCount <= 0 || HeadCount <= 0 || HeadCountKv <= 0 || FeedForwardLength <= 0 || ContextLength <= 0)
        {
            throw new ArgumentException("every dimension of the model shape must be positive");
        }

        if (EmbeddingLength % HeadCount != 0 || HeadCount % HeadCountKv != 0)
        {
            throw new ArgumentException(
                $"n_embd ({EmbeddingLength}) must divide by n_head ({HeadCount}) and n_head by n_head_kv ({HeadCountKv})");
        }
    }
}
