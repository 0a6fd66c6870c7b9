using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary>Owns a <c>llama_context*</c> and its persistent CPU threadpool, and holds a reference on its model so
/// the model outlives it.</summary>
public sealed class SafeLlamaContextHandle : SafeHandle
{
    private SafeLlamaModelHandle? _model;
    private SafeGgmlThreadpoolHandle? _threadpool;

    private SafeLlamaContextHandle() : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    public static SafeLlamaContextHandle Create(SafeLlamaModelHandle model, in LlamaContextParams parameters)
    {
        var added = false;
        model.DangerousAddRef(ref added);
        var context = new SafeLlamaContextHandle();
        LlamaBackend.TakeLoggedErrors();
        context.SetHandle(LlamaApi.InitFromModel(model.DangerousGetHandle(), parameters));
        if (context.IsInvalid)
        {
            model.DangerousRelease();
            throw new InvalidOperationException(
                $"llama.cpp could not create a context (n_ctx {parameters.NCtx}, n_seq_max {parameters.NSeqMax}): " +
                (LlamaBackend.TakeLoggedErrors() ?? "unknown error"));
        }

        context._model = model;
        // Decode and prompt batches use the same thread count in Corral, so one pool serves both.
        context._threadpool = SafeGgmlThreadpoolHandle.Create(parameters.NThreads);
        LlamaApi.AttachThreadpool(context.handle, context._threadpool.DangerousGetHandle(), 0);
        return context;
    }

    protected override bool ReleaseHandle()
    {
        LlamaApi.Free(handle);
        _threadpool?.Dispose();
        _model?.DangerousRelease();
        return true;
    }
}
