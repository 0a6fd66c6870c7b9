namespace Corral.Engine;

/// <summary>
/// Makes a prompt fit a sequence's context the way Ollama's runner does (runner/llamarunner: when the input is
/// longer than num_ctx, keep the first num_keep tokens and drop the oldest tokens after them); with truncation
/// off, a prompt that does not fit is Ollama's "prompt too long" error.
/// </summary>
public static class PromptFitter
{
    /// <summary>Returns the prompt to evaluate and how many tokens were dropped.</summary>
    public static (int[] Tokens, int Dropped) Fit(int[] prompt, int contextLength, int numKeep, bool truncate)
    {
        if (prompt.Length <= contextLength)
        {
            return (prompt, 0);
        }

        if (!truncate)
        {
            throw new EngineRequestException(EngineRequestException.PromptTooLong);
        }

        // An image is kept or dropped whole (ImagePositions), so a few more tokens may go than strictly needed.
        var keep = ImagePositions.SnapBack(prompt, Math.Clamp(numKeep, 0, contextLength - 1));
        var dropped = ImagePositions.SnapForward(prompt, keep + prompt.Length - contextLength) - keep;
        var fitted = new int[prompt.Length - dropped];
        if (fitted.Length == 0)
        {
            throw new EngineRequestException(EngineRequestException.PromptTooLong);
        }

        prompt.AsSpan(0, keep).CopyTo(fitted);
        prompt.AsSpan(keep + dropped).CopyTo(fitted.AsSpan(keep));
        return (fitted, dropped);
    }

    /// <summary>Tokens kept at the front on a context shift: num_keep plus the BOS token when the prompt has one
    /// (Ollama counts num_keep after BOS), at most half the context so a shift always frees room.</summary>
    public static int KeepOnShift(int numKeep, bool startsWithBos, int contextLength) =>
        Math.Clamp(numKeep + (startsWithBos ? 1 : 0), 0, contextLength / 2);
}
