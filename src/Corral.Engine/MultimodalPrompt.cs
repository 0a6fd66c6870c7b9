namespace Corral.Engine;

/// <summary>A tokenized prompt with images: text token ids and image position ids (<see cref="ImagePositions"/>)
/// in prompt order, and each image's chunk by its first id.</summary>
internal sealed class MultimodalPrompt(int[] tokens, Dictionary<int, ImageChunk> images) : IDisposable
{
    public int[] Tokens { get; } = tokens;

    public IReadOnlyDictionary<int, ImageChunk> Images { get; } = images;

    public void Dispose()
    {
        foreach (var image in Images.Values)
        {
            image.Dispose();
        }
    }
}
