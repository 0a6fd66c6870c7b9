namespace Corral.Contracts.Runner;

public sealed record EmbeddingResponse
{
    public IReadOnlyList<float[]> Embeddings { get; init; } = [];
    public int PromptEvalCount { get; init; }
}
