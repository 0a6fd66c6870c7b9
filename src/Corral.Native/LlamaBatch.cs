using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary><c>struct llama_batch</c>: arrays owned by llama_batch_init/llama_batch_free (see <see cref="LlamaBatchBuffer"/>).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct LlamaBatch
{
    public int NTokens;
    public int* Token;
    public float* Embd;
    public int* Pos;
    public int* NSeqId;
    public int** SeqId;
    public sbyte* Logits;
}
