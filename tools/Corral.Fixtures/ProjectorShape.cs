namespace Corral.Fixtures;

/// <summary>
/// Hyperparameters of a LLaVA-style vision projector (CLIP ViT + two-layer MLP, llama.cpp's projector type
/// "mlp"). <see cref="ProjectionLength"/> must equal the text model's n_embd. An image is resized to
/// <see cref="ImageSize"/> squared and becomes (ImageSize / PatchSize)^2 embeddings: 16 by default.
/// </summary>
public sealed record ProjectorShape
{
    public int ProjectionLength { get; init; } = 64;

    public int ImageSize { get; init; } = 32;

    public int PatchSize { get; init; } = 8;

    public int EmbeddingLength { get; init; } = 32;

    public int HeadCount { get; init; } = 2;

    /// <summary>Must differ from <see cref="EmbeddingLength"/>: clip.cpp takes an ffn_down of n_embd columns for
    /// a legacy file with up/down swapped.</summary>
    public int FeedForwardLength { get; init; } = 64;

    /// <summary>LLaVA takes the features of the second-to-last block, so 2 blocks run one.</summary>
    public int BlockCount { get; init; } = 2;

    public int MlpLength { get; init; } = 64;

    public int TokensPerImage => ImageSize / PatchSize * (ImageSize / PatchSize);

    /// <summary>Throws <see cref="ArgumentException"/> for shapes clip.cpp cannot load.</summary>
    public void Validate()
    {
        if (ProjectionLength <= 0 || ImageSize <= 0 || PatchSize <= 0 || EmbeddingLength <= 0 || HeadCount <= 0
            || FeedForwardLength <= 0 || BlockCount <= 0 || MlpLength <= 0)
        {
            throw new ArgumentException("every dimension of the projector shape must be positive");
        }

        if (ImageSize % PatchSize != 0 || EmbeddingLength % HeadCount != 0 || FeedForwardLength == EmbeddingLength)
        {
            throw new ArgumentException($"image size ({ImageSize}) must divide by the patch size ({PatchSize}), n_embd " +
                $"({EmbeddingLength}) by n_head ({HeadCount}), and n_ff ({FeedForwardLength}) must differ from n_embd");
        }
    }
}
