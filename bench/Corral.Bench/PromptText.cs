namespace Corral.Bench;

/// <summary>
/// Prompt text of a given length for the HTTP figures: common English words, each one token in the Llama-3
/// vocabulary (a leading space and a lowercase word), so <c>n</c> words are about <c>n</c> tokens on both servers.
/// Exact lengths are not needed there: each server reports how many prompt tokens it evaluated (stderr).
/// </summary>
public static class PromptText
{
    private static readonly string[] Vocabulary =
    [
        " the", " of", " and", " to", " in", " is", " that", " for", " it", " as", " was", " with", " be", " by", " on",
        " not", " he", " this", " are", " or", " his", " from", " at", " which", " but", " have", " an", " had", " they",
        " you", " were", " their", " one", " all", " we", " can", " her", " has", " there", " been", " if", " more",
        " when", " will", " would", " who", " so", " no", " time", " people", " water", " house", " world", " light",
        " river", " music", " garden", " window", " letter", " morning", " number", " city", " story", " question",
    ];

    /// <summary><paramref name="count"/> words starting at position <paramref name="offset"/> of the cycle.</summary>
    public static string Words(int count, int offset = 0) =>
        string.Concat(Enumerable.Range(offset, count).Select(i => Vocabulary[i % Vocabulary.Length]));
}
