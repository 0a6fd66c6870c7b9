using Corral.Contracts.Runner;

namespace Corral.Engine;

/// <summary>
/// Log probabilities from raw logits (log-softmax over the whole vocabulary, before sampling filters), as
/// Ollama reports them: the chosen token plus, if asked, the most likely <c>top</c> alternatives.
/// </summary>
public static class LogprobCalculator
{
    public static TokenLogprob Compute(ReadOnlySpan<float> logits, int chosen, int top, Func<int, byte[]> tokenBytes)
    {
        var max = float.NegativeInfinity;
        foreach (var logit in logits)
        {
            max = Math.Max(max, logit);
        }

        double sum = 0;
        foreach (var logit in logits)
        {
            sum += Math.Exp(logit - max);
        }

        var logSum = max + (float)Math.Log(sum);
        List<TokenLogprob>? alternatives = null;
        if (top > 0)
        {
            var best = TopIndices(logits, top);
            alternatives = new List<TokenLogprob>(best.Length);
            foreach (var token in best)
            {
                alternatives.Add(Entry(token, logits[token] - logSum, tokenBytes));
            }
        }

        return Entry(chosen, logits[chosen] - logSum, tokenBytes) with { TopLogprobs = alternatives };
    }

    /// <summary>Indices of the <paramref name="count"/> largest values, largest first (insertion into a small
    /// sorted array: count is at most 20).</summary>
    internal static int[] TopIndices(ReadOnlySpan<float> values, int count)
    {
        count = Math.Min(count, values.Length);
        var indices = new int[count];
        var filled = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (filled == count && values[i] <= values[indices[count - 1]])
            {
                continue;
            }

            var at = filled < count ? filled++ : count - 1;
            while (at > 0 && values[indices[at - 1]] < values[i])
            {
                indices[at] = indices[at - 1];
                at--;
            }

            indices[at] = i;
        }

        return indices;
    }

    private static TokenLogprob Entry(int token, float logprob, Func<int, byte[]> tokenBytes)
    {
        var bytes = tokenBytes(token);
        return new TokenLogprob
        {
            Token = System.Text.Encoding.UTF8.GetString(bytes),
            Logprob = logprob,
            Bytes = bytes,
        };
    }
}
