using System.Security.Cryptography;

namespace Corral.Engine;

/// <summary>
/// How image embeddings appear in token lists (prompts, a slot's cached tokens): each image position gets a
/// negative id derived from the image file's content hash, consecutive and descending within one image. The same
/// image in a later request gets the same ids, so prefix reuse compares images like tokens and a follow-up turn
/// with the image in its history reuses the KV cells instead of encoding it again. A list is never cut inside an
/// image (<see cref="SnapBack"/>, <see cref="SnapForward"/>): half an image's embeddings mean nothing.
/// </summary>
internal static class ImagePositions
{
    /// <summary>Most positions one image may take; with the hash range below, ids never wrap inside an image.</summary>
    public const int MaxTokensPerImage = 1 << 24;

    private const long HashRange = (1L << 30) - MaxTokensPerImage;

    /// <summary>The id of the first position of the image whose file is <paramref name="file"/>.</summary>
    public static int FirstId(ReadOnlySpan<byte> file)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(file, digest);
        return -1 - (int)(BitConverter.ToUInt64(digest) % HashRange);
    }

    /// <summary>Whether <paramref name="token"/> is an image position rather than a vocabulary token.</summary>
    public static bool IsImage(int token) => token < 0;

    /// <summary>Whether position <paramref name="index"/> continues the image at index - 1.</summary>
    public static bool Splits(ReadOnlySpan<int> tokens, int index) =>
        index > 0 && index < tokens.Length && IsImage(tokens[index]) && tokens[index - 1] == tokens[index] + 1;

    /// <summary>The nearest cut at or before <paramref name="index"/> that does not split an image.</summary>
    public static int SnapBack(ReadOnlySpan<int> tokens, int index)
    {
        while (Splits(tokens, index))
        {
            index--;
        }

        return index;
    }

    /// <summary>The nearest cut at or after <paramref name="index"/> that does not split an image.</summary>
    public static int SnapForward(ReadOnlySpan<int> tokens, int index)
    {
        while (Splits(tokens, index))
        {
            index++;
        }

        return index;
    }
}
