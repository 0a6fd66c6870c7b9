namespace Corral.Contracts.Runner;

/// <summary>
/// One NDJSON line of a runner's completion stream. Content is always whole UTF-8 characters with stop strings
/// already removed. The last line has <see cref="Done"/> set and carries the metrics; a failure after the stream
/// started is a line with <see cref="Error"/> set.
/// </summary>
public sealed record CompletionChunk
{
    public string Content { get; init; } = "";

    public IReadOnlyList<TokenLogprob>? Logprobs { get; init; }

    public bool Done { get; init; }

    /// <summary>"stop" or "length" on the final chunk.</summary>
    public string? DoneReason { get; init; }

    public int PromptEvalCount { get; init; }

    public long PromptEvalDurationNs { get; init; }

    public int EvalCount { get; init; }

    public long EvalDurationNs { get; init; }

    /// <summary>Prompt tokens served from the KV cache instead of being evaluated (prefix reuse).</summary>
    public int CachedPromptTokens { get; init; }

    /// <summary>Prompt + generated token ids, when <see cref="CompletionRequest.ReturnContext"/> was set.</summary>
    public IReadOnlyList<int>? Context { get; init; }

    /// <summary>Prompt tokens dropped from the front to fit the context (never silent: the server reports it).</summary>
    public int TruncatedPromptTokens { get; init; }

    public string? Error { get; init; }
}
