using System.Globalization;
using System.Text.RegularExpressions;

namespace Corral.Templates;

/// <summary>
/// The <c>[img-N]</c> tags a rendered prompt actually contains. A template may print a message's content twice or
/// not at all, and a raw prompt carries whatever tags its author wrote, so the images a runner needs are found in
/// the final text, not assumed from the messages: Ollama's runner splits the prompt on the same pattern and uses
/// only the images its tags name.
/// </summary>
public static partial class ImageTags
{
    /// <summary>
    /// Renumbers the tags naming one of <paramref name="available"/> images (N below it) in order of first
    /// appearance, so tag N of the result names <c>Sources[N]</c>, the original index. Images no tag names are
    /// left out; tags naming an image that does not exist are left as written (the runner refuses them).
    /// </summary>
    public static (string Prompt, IReadOnlyList<int> Sources) Select(string prompt, int available)
    {
        var sources = new List<int>();
        if (available == 0)
        {
            return (prompt, sources);
        }

        var text = Tag().Replace(prompt, match =>
        {
            if (!int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || index >= available)
            {
                return match.Value;
            }

            var position = sources.IndexOf(index);
            if (position < 0)
            {
                position = sources.Count;
                sources.Add(index);
            }

            return $"[img-{position}]";
        });
        return (text, sources);
    }

    [GeneratedRegex(@"\[img-(\d+)\]")]
    private static partial Regex Tag();
}
