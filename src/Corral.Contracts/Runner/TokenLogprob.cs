namespace Corral.Contracts.Runner;

/// <summary>Log probability of one generated token and, if asked, its most likely alternatives.</summary>
public sealed record TokenLogprob
{
    public string Token { get; init; } = "";
    public float Logprob { get; init; }
    public IReadOnlyList<byte> Bytes { get; init; } = [];
    public IReadOnlyList<TokenLogprob>? TopLogprobs { get; init; }
}
