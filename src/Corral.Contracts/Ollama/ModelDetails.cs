using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>Model details shared by tags, show and ps (Go <c>api.ModelDetails</c>).</summary>
public sealed record ModelDetails
{
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string ParentModel { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Format { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string Family { get; set; } = "";

    /// <summary>Serialized as <c>null</c> when unknown, like Go's nil slice.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IReadOnlyList<string>? Families { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string ParameterSize { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string QuantizationLevel { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int ContextLength { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int EmbeddingLength { get; init; }
}
