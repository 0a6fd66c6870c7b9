namespace Corral.Templates;

/// <summary>
/// How much prompt fits: <see cref="CountTokens"/> tokenizes a rendered prompt (the server asks the loaded model's
/// runner, hence async; an upper bound that already fits is as good as the exact count), <see cref="NumCtx"/> is the
/// runner's effective context, <see cref="TokensPerImage"/> is added per kept image (Ollama uses 768 when the model
/// has a projector, else 0). With <see cref="Truncate"/> false every message is kept and nothing is counted.
/// </summary>
public sealed record PromptBudget(Func<string, CancellationToken, ValueTask<int>> CountTokens, int NumCtx)
{
    /// <summary>Keeps every message (no tokenizer at hand, or the request asked for <c>truncate: false</c>).</summary>
    public static PromptBudget Unlimited { get; } = new((_, _) => ValueTask.FromResult(0), int.MaxValue) { Truncate = false };

    public bool Truncate { get; init; } = true;

    public int TokensPerImage { get; init; }
}
