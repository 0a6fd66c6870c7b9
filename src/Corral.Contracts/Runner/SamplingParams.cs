namespace Corral.Contracts.Runner;

/// <summary>Ollama's sampling options (reference section 2), defaults as Ollama's.</summary>
public sealed record SamplingParams
{
    public float Temperature { get; init; } = 0.8f;
    public int TopK { get; init; } = 40;
    public float TopP { get; init; } = 0.9f;
    public float MinP { get; init; }
    public float TypicalP { get; init; } = 1.0f;
    public int RepeatLastN { get; init; } = 64;
    public float RepeatPenalty { get; init; } = 1.1f;
    public float PresencePenalty { get; init; }
    public float FrequencyPenalty { get; init; }

    /// <summary>-1 = random seed per request.</summary>
    public int Seed { get; init; } = -1;
}
