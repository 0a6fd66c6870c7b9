using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>Response of <c>POST /api/embed</c>: L2-normalized vectors.</summary>
public sealed record EmbedResponse
{
    public string Model { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IReadOnlyList<float[]> Embeddings { get; set; } = [];

    /// <summary>Nanoseconds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long TotalDuration { get; init; }

    /// <summary>Nanoseconds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long LoadDuration { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int PromptEvalCount { get; init; }
}
