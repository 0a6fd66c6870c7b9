using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary><c>struct mtmd_context_params</c> (mtmd.h, v0.5.0). C <c>bool</c> fields are bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct MtmdContextParams
{
    public byte UseGpu;
    public nint Device;
    public byte PrintTimings;
    public int NThreads;
    public nint ImageMarker;
    public nint MediaMarker;
    public LlamaFlashAttnType FlashAttnType;
    public byte Warmup;
    public int ImageMinTokens;
    public int ImageMaxTokens;
    public nint CbEval;
    public nint CbEvalUserData;
    public int BatchMaxTokens;
    public nint ProgressCallback;
    public nint ProgressCallbackUserData;
}
