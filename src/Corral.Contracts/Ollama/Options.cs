using System.Text.Json;

namespace Corral.Contracts.Ollama;

/// <summary>
/// Ollama's typed model options (reference section 2) with its defaults. Load-time options decide whether a
/// loaded model must be reloaded; the others only affect one request.
/// </summary>
public sealed record Options
{
    /// <summary>Context size (load-time). The server replaces the default with <c>OLLAMA_CONTEXT_LENGTH</c>.</summary>
    public int NumCtx { get; init; } = 4096;

    /// <summary>Load-time.</summary>
    public int NumBatch { get; init; } = 512;

    /// <summary>Layers to offload to GPU, -1 = auto (load-time).</summary>
    public int NumGpu { get; init; } = -1;

    /// <summary>Load-time; null = unset.</summary>
    public int? MainGpu { get; init; }

    /// <summary>Load-time; null = auto.</summary>
    public bool? UseMmap { get; init; }

    /// <summary>0 = runtime decides (load-time).</summary>
    public int NumThread { get; init; }

    /// <summary>Speculative decoding draft length (load-time).</summary>
    public int DraftNumPredict { get; init; }

    public int NumKeep { get; init; } = 4;

    /// <summary>-1 = random.</summary>
    public int Seed { get; init; } = -1;

    /// <summary>-1 = until end of sequence.</summary>
    public int NumPredict { get; init; } = -1;

    public int TopK { get; init; } = 40;

    public float TopP { get; init; } = 0.9f;

    public float MinP { get; init; }

    public float TypicalP { get; init; } = 1.0f;

    public int RepeatLastN { get; init; } = 64;

    public float Temperature { get; init; } = 0.8f;

    public float RepeatPenalty { get; init; } = 1.0f;

    public float PresencePenalty { get; init; }

    public float FrequencyPenalty { get; init; }

    public IReadOnlyList<string> Stop { get; init; } = [];

    /// <summary>
    /// Applies an <c>options</c> map on top of these values like Go's <c>Options.FromMap</c>: unknown keys and
    /// nulls are skipped, integers accept any JSON number (truncated), and a wrong type yields Go's message,
    /// e.g. <c>option "top_k" must be of type integer</c>.
    /// </summary>
    public bool TryApply(IReadOnlyDictionary<string, JsonElement>? map, out Options result, out string? error)
    {
        result = this;
        error = null;
        if (map is null)
        {
            return true;
        }
        foreach (var (key, value) in map)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            var next = OptionsMapReader.Apply(result, key, value, out error);
            if (error is not null)
            {
                return false;
            }
            result = next;
        }
        return true;
    }

    /// <summary>True when a model loaded with <paramref name="loaded"/> must be reloaded to serve these options.</summary>
    public bool NeedsReload(Options loaded) =>
        NumCtx > loaded.NumCtx
        || NumBatch != loaded.NumBatch
        || (NumGpu != -1 && NumGpu != loaded.NumGpu)
        || MainGpu != loaded.MainGpu
        || UseMmap != loaded.UseMmap
        || NumThread != loaded.NumThread
        || DraftNumPredict != loaded.DraftNumPredict;
}
