namespace Corral.Contracts.Runner;

/// <summary>
/// <c>GET /status</c>: what the runner loaded and engine counters. Tests assert engine behaviour (batching,
/// prefix reuse, slot release) from these counters instead of from timing.
/// </summary>
public sealed record RunnerStatus
{
    /// <summary>"loading", "ready" or "error".</summary>
    public string State { get; init; } = "loading";
    public string? Error { get; init; }

    /// <summary>0..1 while loading; the server resets its load stall timer whenever it advances.</summary>
    public float LoadProgress { get; init; }
    public int ContextLength { get; init; }
    public int Parallel { get; init; }
    public int TrainContextLength { get; init; }
    public int EmbeddingLength { get; init; }
    public long ModelSizeBytes { get; init; }
    public IReadOnlyList<SlotStatus> Slots { get; init; } = [];

    /// <summary>Most sequences that took part in a single llama_decode call since start.</summary>
    public int MaxSequencesPerBatch { get; init; }
    public long DecodeCalls { get; init; }
    public long PromptTokensEvaluated { get; init; }
    public long PromptTokensReused { get; init; }

    /// <summary>KV cells currently in use (a shared prefix counts once).</summary>
    public int KvCellsUsed { get; init; }
}

public sealed record SlotStatus(int Id, string State, int CachedTokens);
