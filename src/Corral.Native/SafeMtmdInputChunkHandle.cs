using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary>Owns one <c>mtmd_input_chunk*</c> copied out of a chunk list (<c>mtmd_input_chunk_copy</c>), e.g. an
/// image chunk with its preprocessed pixels, kept until its embeddings have been decoded.</summary>
public sealed class SafeMtmdInputChunkHandle : SafeHandle
{
    private SafeMtmdInputChunkHandle() : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    public static SafeMtmdInputChunkHandle CopyOf(nint borrowedChunk)
    {
        var chunk = new SafeMtmdInputChunkHandle();
        chunk.SetHandle(MtmdApi.InputChunkCopy(borrowedChunk));
        return chunk.IsInvalid ? throw new InvalidOperationException("mtmd_input_chunk_copy failed") : chunk;
    }

    protected override bool ReleaseHandle()
    {
        MtmdApi.InputChunkFree(handle);
        return true;
    }
}
