using Corral.Native;

namespace Corral.Engine;

/// <summary>One image of a request, tokenized by libmtmd (its preprocessed pixels), waiting to be encoded into
/// <see cref="Tokens"/> embeddings whose ids start at <see cref="FirstId"/> (<see cref="ImagePositions"/>).</summary>
internal sealed class ImageChunk(SafeMtmdInputChunkHandle chunk, int firstId, int tokens) : IDisposable
{
    public SafeMtmdInputChunkHandle Chunk { get; } = chunk;

    public int FirstId { get; } = firstId;

    public int Tokens { get; } = tokens;

    public void Dispose() => Chunk.Dispose();
}
