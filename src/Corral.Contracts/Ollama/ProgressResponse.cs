using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>One progress line of pull, push and create (Go <c>api.ProgressResponse</c>).</summary>
public sealed record ProgressResponse
{
    public string Status { get; set; } = "";

    public string? Digest { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Total { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Completed { get; init; }
}
