namespace Corral.Templates;

/// <summary>
/// How much prompt fits: <see cref="CountTokens"/> tokenizes a rendered prompt, <see cref="NumCtx"/> is the
/// runner's effective context, <see cref="TokensPerImage"/> is added per kept image (Ollama uses 768 when the
/// model has a projector, else 0). With <see cref="Truncate"/> false every message is kept.
/// </summary>
public sealed record PromptBudget(Func<string, int> CountTokens, int NumCtx)
{
    public bool Truncate { get; init; } = true;

    public int TokensPerImage { get; init; }
}
