namespace Corral.Server.Models;

/// <summary>
/// A rendered prompt, how many old history messages were dropped to fit the context, and the images its
/// <c>[img-N]</c> tags can name (N indexes <see cref="Images"/>; which of them the text really names is decided
/// on the final text, see <c>Corral.Templates.ImageTags</c>).
/// </summary>
public sealed record RenderedPrompt(string Text, int DroppedMessages = 0)
{
    public IReadOnlyList<byte[]> Images { get; init; } = [];
}
