using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>One loaded model in <c>GET /api/ps</c> (Go <c>api.ProcessModelResponse</c>).</summary>
public sealed record ProcessModelResponse
{
    public string Name { get; set; } = "";

    public string Model { get; set; } = "";

    /// <summary>Bytes in use (weights + context).</summary>
    public long Size { get; init; }

    public string Digest { get; set; } = "";

    public ModelDetails? Details { get; init; }

    /// <summary>When the model unloads; far future for "forever".</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Bytes in GPU memory (0 on CPU).</summary>
    public long SizeVram { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int ContextLength { get; init; }
}
