namespace Corral.Contracts.Runner;

/// <summary><c>POST /embedding</c>: pooled, L2-normalised vectors for each input.</summary>
public sealed record EmbeddingRequest
{
    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>Cut inputs longer than the context to fit; otherwise such an input is an error.</summary>
    public bool Truncate { get; init; } = true;

    /// <summary>false returns the raw pooled vector (Ollama's legacy /api/embeddings is not normalised).</summary>
    public bool Normalize { get; init; } = true;
}
