using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>Log probability of one generated token (Go <c>api.Logprob</c>).</summary>
public sealed record Logprob
{
    public string Token { get; set; } = "";

    [JsonPropertyName("logprob")]
    public double LogProbability { get; init; }

    /// <summary>UTF-8 bytes of the token; omitted when empty.</summary>
    public IReadOnlyList<int>? Bytes { get; init; }

    public IReadOnlyList<TopLogprob>? TopLogprobs { get; init; }
}
