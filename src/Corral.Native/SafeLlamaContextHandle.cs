using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary>Owns a <c>llama_context*</c> and holds a reference on its model so the model outlives it.</summary>
public sealed class SafeLlamaContextHandle : SafeHandle
{
    private SafeLlamaModelHandle? _model;

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
        return context;
    }

    protected override bool ReleaseHandle()
    {
        LlamaApi.Free(handle);
        _model?.DangerousRelease();
        return true;
    }
}
