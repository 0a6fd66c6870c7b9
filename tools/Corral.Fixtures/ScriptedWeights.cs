namespace Corral.Fixtures;

/// <summary>
/// Embedding and output rows that make greedy decoding follow a chain of distinct tokens, given attention and
/// feed-forward output weights of zero (then the final hidden state is the current token's embedding).
/// Script token j embeds as the unit vector e_j; every other token embeds as e_n (n = script length), the
/// "start" direction. Output row script[j + 1] reads direction j and output row script[0] reads direction n, so
/// after RMS norm the chosen next token scores sqrt(n_embd) and every other token 0.
/// </summary>
public sealed class ScriptedWeights
{
    private readonly int _embeddingLength;
    private readonly Dictionary<int, int> _directionOfToken = [];
    private readonly Dictionary<int, int> _directionReadByToken = [];
    private readonly int _start;

    public ScriptedWeights(IReadOnlyList<int> script, int embeddingLength, int vocabSize)
    {
        if (script.Count == 0 || script.Count >= embeddingLength)
        {
            throw new ArgumentException($"a script needs 1 to {embeddingLength - 1} tokens for n_embd {embeddingLength}, got {script.Count}");
        }

        _embeddingLength = embeddingLength;
        _start = script.Count;
        for (var j = 0; j < script.Count; j++)
        {
            if (script[j] < 0 || script[j] >= vocabSize)
            {
                throw new ArgumentException($"script token {script[j]} is outside the vocabulary (0..{vocabSize - 1})");
            }

            if (!_directionOfToken.TryAdd(script[j], j))
            {
                throw new ArgumentException($"script tokens must be distinct: token {script[j]} appears twice");
            }

            _directionReadByToken[script[j]] = j == 0 ? _start : j - 1;
        }
    }

    public void Embedding(Span<float> destination, long firstElement) =>
        FillRows(destination, firstElement, token => _directionOfToken.GetValueOrDefault(token, _start));

    public void Output(Span<float> destination, long firstElement) =>
        FillRows(destination, firstElement, token => _directionReadByToken.GetValueOrDefault(token, -1));

    /// <summary>Rows are tokens (ggml dimension 1), columns are embedding directions; one 1 per row at most.</summary>
    private void FillRows(Span<float> destination, long firstElement, Func<int, int> hotColumn)
    {
        destination.Clear();
        for (var i = 0; i < destination.Length; i++)
        {
            var element = firstElement + i;
            var column = (int)(element % _embeddingLength);
            if (column == hotColumn((int)(element / _embeddingLength)))
            {
                destination[i] = 1f;
            }
        }
    }
}
