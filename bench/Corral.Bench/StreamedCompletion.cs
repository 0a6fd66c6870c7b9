namespace Corral.Bench;

/// <summary>
/// One streamed request as the client saw it (seconds since the request was sent, taken when each line arrived)
/// and as the server reported it in its final line (generated tokens, prompt tokens actually evaluated, i.e.
/// without the ones served from cache, and decode time).
/// </summary>
public sealed record StreamedCompletion(
    double FirstTokenSeconds,
    double LastTokenSeconds,
    double TotalSeconds,
    int GeneratedTokens,
    int PromptTokensEvaluated,
    double ServerDecodeSeconds,
    string Text)
{
    /// <summary>First to last streamed token, as the client observed it.</summary>
    public double ClientDecodeSeconds => LastTokenSeconds - FirstTokenSeconds;
}
