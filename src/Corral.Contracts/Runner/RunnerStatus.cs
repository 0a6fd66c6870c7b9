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

    /// <summary>llama_decode calls that carried prompt tokens and generated tokens together: a long prompt being
    /// evaluated did not hold back the slots already streaming.</summary>
    public long MixedDecodeCalls { get; init; }

    /// <summary>Prompt positions evaluated, text tokens and image embeddings alike.</summary>
    public long PromptTokensEvaluated { get; init; }

    /// <summary>Images run through the vision encoder (mtmd_encode_chunk); an image whose KV cells a slot reused
    /// or copied is not encoded again.</summary>
    public long ImagesEncoded { get; init; }

    /// <summary>Image embedding positions decoded (also counted in <see cref="PromptTokensEvaluated"/>).</summary>
    public long ImageTokensEvaluated { get; init; }

    /// <summary>Prompt tokens whose KV cells a slot kept from its own previous request.</summary>
    public long PromptTokensReused { get; init; }

    /// <summary>Prompt tokens whose KV cells were copied from another slot's sequence (llama_memory_seq_cp)
    /// instead of being computed.</summary>
    public long PromptTokensShared { get; init; }

    /// <summary>Distinct KV cells currently in use: a prefix shared by several slots counts once, while the
    /// slots' CachedTokens count it once per slot.</summary>
    public int KvCellsUsed { get; init; }
}

/// <summary>One slot: State is "idle", "waiting" (admitted, holding for another slot to decode the prompt prefix
/// they share), "prefill" or "generating"; CachedTokens counts its KV positions, shared cells included.</summary>
public sealed record SlotStatus(int Id, string State, int CachedTokens);
