namespace Corral.Server.Http;

/// <summary>
/// Where Go's <c>base64.StdEncoding</c> gives up on a string, so an image that is not base64 gets the error Ollama
/// returns (<c>illegal base64 data at input byte N</c>, Go's CorruptInputError from decodeQuantum,
/// https://github.com/golang/go/blob/master/src/encoding/base64/base64.go).
/// </summary>
internal static class GoBase64
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>The byte offset Go reports for <paramref name="text"/> (its UTF-8 bytes), or null when Go accepts it.</summary>
    public static int? CorruptOffset(string text)
    {
        var src = System.Text.Encoding.UTF8.GetBytes(text);
        var si = 0;
        while (true)
        {
            for (var j = 0; j < 4; j++)
            {
                if (si == src.Length)
                {
                    // A quantum cut short: StdEncoding requires padding.
                    return j == 0 ? null : si - j;
                }
                var c = src[si++];
                if (c < 128 && Alphabet.Contains((char)c, StringComparison.Ordinal))
                {
                    continue;
                }
                if (c is (byte)'\n' or (byte)'\r')
                {
                    j--;
                    continue;
                }
                if (c != '=' || j < 2)
                {
                    return si - 1;
                }
                return PaddingError(src, si, j);
            }
        }
    }

    // After the first '=' of a quantum with j data characters: "==" ends a 2-character quantum, then only newlines
    // may follow.
    private static int? PaddingError(byte[] src, int si, int j)
    {
        if (j == 2)
        {
            si = SkipNewlines(src, si);
            if (si == src.Length)
            {
                return src.Length;
            }
            if (src[si] != '=')
            {
                return si - 1;
            }
            si++;
        }
        si = SkipNewlines(src, si);
        return si < src.Length ? si : null;
    }

    private static int SkipNewlines(byte[] src, int si)
    {
        while (si < src.Length && src[si] is (byte)'\n' or (byte)'\r')
        {
            si++;
        }
        return si;
    }
}
