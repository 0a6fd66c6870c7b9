using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary><c>struct llama_perf_context_data</c>: llama.cpp's own timings (milliseconds).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct LlamaPerfContextData
{
    public double TStartMs;
    public double TLoadMs;
    public double TPEvalMs;
    public double TEvalMs;
    public int NPEval;
    public int NEval;
    public int NReused;
}
