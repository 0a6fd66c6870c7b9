using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary>Owns a <c>llama_model*</c>; freed with <c>llama_model_free</c> once no context references it.</summary>
public sealed unsafe class SafeLlamaModelHandle : SafeHandle
{
    private SafeLlamaModelHandle() : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>
    /// Loads a GGUF file (CPU only). <paramref name="mapFile"/> maps the file and leaves the weights in the page
    /// cache (cheap to load and shared between processes); false reads them into the process's own memory, which
    /// decodes faster (bench/README.md) and is what Ollama does for CPU loads. <paramref name="progress"/>
    /// receives 0..1; cancelling <paramref name="cancellationToken"/> makes the progress callback abort the load.
    /// Throws <see cref="InvalidOperationException"/> with llama.cpp's last error line when loading fails.
    /// </summary>
    public static SafeLlamaModelHandle LoadFromFile(string path, bool mapFile, IProgress<float>? progress,
        CancellationToken cancellationToken)
    {
        LlamaBackend.EnsureInitialized();
        var state = new ProgressState(progress, cancellationToken);
        var stateHandle = GCHandle.Alloc(state);
        try
        {
            var parameters = LlamaApi.ModelDefaultParams();
            parameters.NGpuLayers = 0;
            parameters.LoadMode = mapFile ? LlamaLoadMode.Mmap : LlamaLoadMode.None;
            parameters.ProgressCallback = (nint)(delegate* unmanaged[Cdecl]<float, nint, byte>)&OnProgress;
            parameters.ProgressCallbackUserData = GCHandle.ToIntPtr(stateHandle);
            LlamaBackend.TakeLoggedErrors();
            var model = new SafeLlamaModelHandle();
            model.SetHandle(LlamaApi.ModelLoadFromFile(path, parameters));
            cancellationToken.ThrowIfCancellationRequested();
            if (model.IsInvalid)
            {
                throw new InvalidOperationException(
                    $"llama.cpp could not load model '{path}': {LlamaBackend.TakeLoggedErrors() ?? "unknown error"}");
            }

            return model;
        }
        finally
        {
            stateHandle.Free();
        }
    }

    /// <summary>A scalar GGUF metadata value as text (e.g. "general.architecture"), or null when absent.</summary>
    public string? GetMetadata(string key)
    {
        Span<byte> probe = stackalloc byte[1];
        int length;
        fixed (byte* p = probe)
        {
            length = LlamaApi.ModelMetaValStr(handle, key, p, 1);
        }

        if (length < 0)
        {
            return null;
        }

        var buffer = new byte[length + 1];
        fixed (byte* p = buffer)
        {
            LlamaApi.ModelMetaValStr(handle, key, p, (nuint)buffer.Length);
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    /// <summary>The model's default chat template (tokenizer.chat_template), or null.</summary>
    public string? GetChatTemplate() => Marshal.PtrToStringUTF8(LlamaApi.ModelChatTemplate(handle, null));

    protected override bool ReleaseHandle()
    {
        LlamaApi.ModelFree(handle);
        return true;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte OnProgress(float value, nint userData)
    {
        try
        {
            var state = (ProgressState)GCHandle.FromIntPtr(userData).Target!;
            state.Progress?.Report(value);
            return state.CancellationToken.IsCancellationRequested ? (byte)0 : (byte)1;
        }
        catch (Exception)
        {
            // Never unwind into llama.cpp; a failing progress reporter must not break the load.
            return 1;
        }
    }

    private sealed record ProgressState(IProgress<float>? Progress, CancellationToken CancellationToken);
}
