using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary>Mirror of <c>struct ggml_threadpool_params</c> (ggml.h); filled by <c>ggml_threadpool_params_init</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct GgmlThreadpoolParams
{
    /// <summary>bool cpumask[GGML_MAX_N_THREADS]; all zero = default affinity.</summary>
    public fixed byte CpuMask[512];
    public int NThreads;
    public int Prio;
    public uint Poll;
    public byte StrictCpu;
    public byte Paused;
}
