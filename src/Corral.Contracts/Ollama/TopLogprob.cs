using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>One alternative token in <see cref="Logprob.TopLogprobs"/> (Go <c>api.TokenLogprob</c>).</summary>
public sealed record TopLogprob
{
    public string Token { get; set; } = "";

    [JsonPropertyName("logprob")]
    public double LogProbability { get; init; }

    public IReadOnlyList<int>? Bytes { get; init; }
}
