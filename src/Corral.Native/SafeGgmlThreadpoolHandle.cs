namespace Corral.Native;

/// <summary>
/// Owns a persistent ggml CPU threadpool (<c>ggml_threadpool_new</c>, exported by the loaded CPU backend variant).
/// Without one, every llama_decode creates and joins its worker threads (ggml_graph_compute's "disposable"
/// threadpool), so each token pays thread start-up and a cold worker at the first barrier; llama.cpp's own tools
/// (llama-bench, llama-server) attach a pool for this reason.
/// </summary>
public sealed unsafe class SafeGgmlThreadpoolHandle : System.Runtime.InteropServices.SafeHandle
{
    private SafeGgmlThreadpoolHandle() : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>A pool of <paramref name="threads"/> threads with ggml's default polling (workers spin briefly
    /// after a graph before they sleep, as in llama-bench).</summary>
    public static SafeGgmlThreadpoolHandle Create(int threads)
    {
        GgmlThreadpoolParams parameters;
        GgmlApi.ThreadpoolParamsInit(&parameters, threads);
        var create = (delegate* unmanaged<GgmlThreadpoolParams*, nint>)LlamaBackend.CpuBackendExport("ggml_threadpool_new");
        var pool = new SafeGgmlThreadpoolHandle();
        pool.SetHandle(create(&parameters));
        return pool.IsInvalid
            ? throw new InvalidOperationException($"ggml_threadpool_new failed for {threads} threads: {LlamaBackend.TakeLoggedErrors() ?? "unknown error"}")
            : pool;
    }

    protected override bool ReleaseHandle()
    {
        ((delegate* unmanaged<nint, void>)LlamaBackend.CpuBackendExport("ggml_threadpool_free"))(handle);
        return true;
    }
}
