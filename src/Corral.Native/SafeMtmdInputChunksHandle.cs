using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary>Owns an <c>mtmd_input_chunks*</c>: the text and image chunks <c>mtmd_tokenize</c> produced. Chunks
/// read from it are borrowed; <see cref="SafeMtmdInputChunkHandle.CopyOf"/> keeps one beyond its lifetime.</summary>
public sealed class SafeMtmdInputChunksHandle : SafeHandle
{
    private SafeMtmdInputChunksHandle() : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    public static SafeMtmdInputChunksHandle Create()
    {
        LlamaBackend.EnsureInitialized();
        var chunks = new SafeMtmdInputChunksHandle();
        chunks.SetHandle(MtmdApi.InputChunksInit());
        return chunks.IsInvalid ? throw new InvalidOperationException("mtmd_input_chunks_init failed") : chunks;
    }

    protected override bool ReleaseHandle()
    {
        MtmdApi.InputChunksFree(handle);
        return true;
    }
}
