using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary>Owns an <c>mtmd_context*</c> (a vision projector loaded for one text model) and holds a reference on
/// that model, which the context points into, so the model outlives it.</summary>
public sealed class SafeMtmdContextHandle : SafeHandle
{
    private static readonly Lock _logLock = new();
    private static bool _logSet;
    private SafeLlamaModelHandle? _model;

    private SafeMtmdContextHandle() : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Loads the projector GGUF at <paramref name="projectorPath"/> for <paramref name="model"/>; media in
    /// prompts is marked with <paramref name="marker"/>. Throws <see cref="InvalidOperationException"/> with
    /// libmtmd's logged reason (unknown projector type, missing tensor, embedding size mismatch ...).</summary>
    public static SafeMtmdContextHandle Create(SafeLlamaModelHandle model, string projectorPath, string marker, int threads)
    {
        LlamaBackend.EnsureInitialized();
        RouteLog();
        var parameters = MtmdApi.ContextParamsDefault();
        parameters.UseGpu = 0;
        parameters.PrintTimings = 0;
        parameters.NThreads = threads;
        var markerText = Marshal.StringToCoTaskMemUTF8(marker);
        var added = false;
        model.DangerousAddRef(ref added);
        var context = new SafeMtmdContextHandle();
        try
        {
            parameters.MediaMarker = markerText;
            LlamaBackend.TakeLoggedErrors();
            context.SetHandle(MtmdApi.InitFromFile(projectorPath, model.DangerousGetHandle(), parameters));
        }
        finally
        {
            Marshal.FreeCoTaskMem(markerText);
        }

        if (context.IsInvalid)
        {
            model.DangerousRelease();
            throw new InvalidOperationException(
                $"could not load the vision projector {projectorPath}: {LlamaBackend.TakeLoggedErrors() ?? "unknown error"}");
        }

        context._model = model;
        return context;
    }

    /// <summary>libmtmd logs through its own callback: send it where llama.cpp's log goes, so load errors reach
    /// <see cref="LlamaBackend.TakeLoggedErrors"/>.</summary>
    private static void RouteLog()
    {
        lock (_logLock)
        {
            if (!_logSet)
            {
                MtmdApi.LogSet(LlamaBackend.LogCallback, 0);
                _logSet = true;
            }
        }
    }

    protected override bool ReleaseHandle()
    {
        MtmdApi.Free(handle);
        _model?.DangerousRelease();
        return true;
    }
}
