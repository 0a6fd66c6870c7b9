using System.Text.RegularExpressions;

namespace Corral.Cli.Generation;

/// <summary>
/// Ollama's image attachment for vision models (cmd/cmd.go <c>extractFileData</c>): paths in a prompt that start
/// with <c>/</c>, <c>./</c> or <c>\</c> (after an optional drive letter) and end in .jpg, .jpeg, .png or .webp are
/// read, checked by their first bytes, announced on stderr as <c>Added image 'PATH'</c> and cut from the text. A
/// path that does not exist stays text, so "/usr/share/x.png is missing" can still be asked about.
/// </summary>
public static partial class ImageAttachments
{
    /// <summary>Ollama's limit for one attached file.</summary>
    public const long MaxBytes = 100L * 1024 * 1024;

    /// <summary>The paths in <paramref name="input"/> as typed (shell escapes included).</summary>
    public static IEnumerable<string> FindPaths(string input) => PathPattern().Matches(input).Select(match => match.Value);

    /// <summary>The prompt without the attached paths, and the attached files in order. A file that is not a JPEG,
    /// PNG or WebP, is too large or cannot be read is reported on stderr as Ollama does
    /// (<c>Couldn't process file: "..."</c>) and thrown.</summary>
    public static async Task<(string Text, List<byte[]> Images)> ExtractAsync(string input, TextWriter stderr, CancellationToken ct)
    {
        var images = new List<byte[]>();
        foreach (var typed in FindPaths(input).ToList())
        {
            var path = Unescape(typed);
            if (!File.Exists(path))
            {
                continue;
            }

            byte[] data;
            try
            {
                data = await ReadImageAsync(path, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (IsFileProblem(e))
            {
                await stderr.WriteLineAsync($"Couldn't process file: \"{e.Message}\"").ConfigureAwait(false);
                throw;
            }

            await stderr.WriteLineAsync($"Added image '{path}'").ConfigureAwait(false);
            input = input.Replace($"'{path}'", "", StringComparison.Ordinal)
                .Replace($"'{typed}'", "", StringComparison.Ordinal)
                .Replace(typed, "", StringComparison.Ordinal);
            images.Add(data);
        }

        return (input.Trim(), images);
    }

    /// <summary>The exceptions <see cref="ExtractAsync"/> reports and throws for a file it cannot attach.</summary>
    public static bool IsFileProblem(Exception e) => e is IOException or UnauthorizedAccessException or InvalidDataException;

    private static async Task<byte[]> ReadImageAsync(string path, CancellationToken ct)
    {
        var length = new FileInfo(path).Length;
        if (length > MaxBytes)
        {
            throw new InvalidDataException("file size exceeds maximum limit (100MB)");
        }

        var data = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        var type = ContentType(data);
        return type is "image/jpeg" or "image/png" or "image/webp" ? data : throw new InvalidDataException($"invalid file type: {type}");
    }

    /// <summary>The MIME type Go's http.DetectContentType reports for the image types, else its generic answers.</summary>
    private static string ContentType(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (data.Length >= 14 && data.StartsWith("RIFF"u8) && data[8..14].SequenceEqual("WEBPVP"u8))
        {
            return "image/webp";
        }

        return data[..Math.Min(data.Length, 512)].IndexOfAnyInRange((byte)0, (byte)8) >= 0
            ? "application/octet-stream"
            : "text/plain; charset=utf-8";
    }

    /// <summary>Undoes the shell escapes a terminal adds when a file is dragged in (Ollama's normalizeFilePath).</summary>
    private static string Unescape(string path)
    {
        var result = new System.Text.StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length && @" ()[]{}$&;'\*?~".Contains(path[i + 1], StringComparison.Ordinal))
            {
                i++;
            }

            result.Append(path[i]);
        }

        return result.ToString();
    }

    [GeneratedRegex(@"(?:[a-zA-Z]:)?(?:\./|/|\\)[\S\\ ]+?\.(?i:jpg|jpeg|png|webp)\b")]
    private static partial Regex PathPattern();
}
