namespace Corral.Templates.Parsing;

/// <summary>Helpers for finding tags that may be split across streamed chunks.</summary>
internal static class TagMatch
{
    /// <summary>Length of the longest suffix of <paramref name="text"/> that is a proper prefix of <paramref name="tag"/>.</summary>
    public static int PartialSuffix(string text, string tag)
    {
        for (var length = Math.Min(text.Length, tag.Length - 1); length > 0; length--)
        {
            if (text.AsSpan(text.Length - length).SequenceEqual(tag.AsSpan(0, length)))
            {
                return length;
            }
        }

        return 0;
    }
}
