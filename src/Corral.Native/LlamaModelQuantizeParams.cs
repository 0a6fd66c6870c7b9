using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary><c>struct llama_model_quantize_params</c> (llama.h, v0.5.0).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct LlamaModelQuantizeParams
{
    public int NThread;
    public int Ftype;
    public int OutputTensorType;
    public int TokenEmbeddingType;
    public byte AllowRequantize;
    public byte QuantizeOutputTensor;
    public byte OnlyCopy;
    public byte Pure;
    public byte KeepSplit;
    public byte DryRun;
    public nint Imatrix;
    public nint KvOverrides;
    public nint TtOverrides;
    public nint PruneLayers;
    public nuint MaxBufSize;
}
