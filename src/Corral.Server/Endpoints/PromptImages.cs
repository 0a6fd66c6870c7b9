using Corral.Templates;

namespace Corral.Server.Endpoints;

/// <summary>
/// The images a completion carries: exactly those the final prompt's <c>[img-N]</c> tags name, renumbered in tag
/// order (<see cref="ImageTags"/>). Images of dropped history messages, or ones a template never prints, stay here.
/// </summary>
internal static class PromptImages
{
    public static (string Prompt, IReadOnlyList<byte[]> Images) Select(string prompt, IReadOnlyList<byte[]> candidates)
    {
        var (text, sources) = ImageTags.Select(prompt, candidates.Count);
        return (text, sources.Select(index => candidates[index]).ToList());
    }
}
